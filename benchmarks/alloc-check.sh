#!/usr/bin/env bash
# Allocation per operation over many JVM runs, and the C2 compiles that would cause it.
#
#   benchmarks/alloc-check.sh [BENCHMARK regex, default T1Training] [JMH options, e.g. -p threads=1]
#
# Runs the benchmark in 10 forked JVMs (JMH's GC profiler, 6 warm-up and 3 measurement iterations
# of 2 s) with -XX:+LogCompilation, prints gc.alloc.rate.norm of each fork's last iteration, then
# lists every C2 compile of Unroll's kernels that left a Vector API method (not a VectorSupport
# intrinsic) to late inlining: the sign that the compile passed C2's inlining node budget, after
# which vectors are boxed (megabytes per step). One JMH fork is one draw of the JIT: whether a
# kernel boxes can depend on profiles, so a kernel change is checked over all 10.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
bench="${1:-T1Training}"
shift || true
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
out="$logs/jmh.txt"
java --add-modules jdk.incubator.vector -jar "$jar" "$bench" -f 10 -wi 6 -w 2 -i 3 -r 2 -prof gc \
  -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$logs/c%p.log" "$@" > "$out" 2>&1 \
  || { tail -20 "$out"; exit 1; }
echo "bytes allocated per op, last iteration of each fork:"
awk '/# Fork:/{f=$3} /gc.alloc.rate.norm:/{a[f]=$2} END{for(k=1;k<=10;k++) printf "  fork %d: %s\n", k, a[k]}' "$out"
echo "C2 compiles of dev.unroll kernels with Vector API calls left to late inlining (none is good):"
python3 - "$logs" <<'PY'
import glob, re, sys
from collections import Counter
found = False
for f in sorted(glob.glob(sys.argv[1] + "/c*.log")):
    text = open(f, errors="replace").read()
    for head, body in re.findall(r"(<task compile_id='\d+'[^>]*>)(.*?)</task>", text, re.S):
        if re.search(r"level='[123]'", head) or "dev.unroll" not in head:
            continue
        methods = {i: (h, n) for i, h, n in re.findall(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'", body)}
        klasses = dict(re.findall(r"<klass id='(\d+)' name='([^']*)'", body))
        late = Counter()
        for m in re.findall(r"<late_inline method='(\d+)'", body):
            holder, name = methods.get(m, ("?", "?"))
            if "jdk.incubator.vector" in klasses.get(holder, ""):
                late[klasses[holder].split(".")[-1] + "." + name] += 1
        if late:
            found = True
            print("  " + re.search(r"method='([^']*)'", head).group(1) + ": " + dict(late).__repr__())
if not found:
    print("  none")
PY
