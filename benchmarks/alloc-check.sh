#!/usr/bin/env bash
# Allocation per operation over many JVM runs, and the C2 compiles that would cause it.
#
#   benchmarks/alloc-check.sh [BENCHMARK regex, default T1Training] [JMH options, e.g. -p threads=1]
#
# Runs the benchmark in 10 forked JVMs (JMH's GC profiler, 6 warm-up and 3 measurement iterations
# of 2 s) with -XX:+LogCompilation, prints gc.alloc.rate.norm of each fork's last iteration (one
# line per benchmark and parameter set, the 10 forks in order), then
# lists every C2 compile of Unroll's kernels that left a Vector API method (not a VectorSupport
# intrinsic) to late inlining: the sign that the compile passed C2's inlining node budget, after
# which vectors are boxed (megabytes per step). One JMH fork is one draw of the JIT: whether a
# kernel boxes can depend on profiles, so a kernel change is checked over all 10.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
bench="${1:-T1Training}"
# Fewer iterations for slow benchmarks (T2): WARMUP=3 ITERATIONS=2 SECONDS_PER=1 benchmarks/alloc-check.sh T2Training
forks="${FORKS:-10}"
shift || true
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
out="$logs/jmh.txt"
java --add-modules jdk.incubator.vector -jar "$jar" "$bench" -f "$forks" -wi "${WARMUP:-6}" -w "${SECONDS_PER:-2}" \
  -i "${ITERATIONS:-3}" -r "${SECONDS_PER:-2}" -prof gc \
  -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$logs/c%p.log" "$@" > "$out" 2>&1 \
  || { tail -20 "$out"; exit 1; }
echo "bytes allocated per op, last iteration of each fork (per benchmark and parameters), and that"
echo "times the ops of the iteration (iteration time / time per op, rounded up): JMH's own bookkeeping is a"
echo "few KB per iteration, the same for any op, so code that allocates nothing shows a constant here:"
awk -v forks="$forks" -v ms="$(( ${SECONDS_PER:-2} * 1000 ))" '/^# Benchmark:/{b=$3}
  /^# Parameters:/{p=$0; sub(/^# Parameters: /, "", p)} /^# Fork:/{f=$3}
  /^Iteration/{t=$3; if($4 ~ /^s\//) t*=1000; if($4 ~ /^us\//) t/=1000}
  /gc.alloc.rate.norm:/{k=b " " p; if(!(k in seen)){seen[k]=1; keys[++n]=k} a[k, f]=$2; o=ms / t; o=(o > int(o)) ? int(o) + 1 : o; it[k, f]=int($2 * o + 0.5)}
  END{for(i=1;i<=n;i++){print "  " keys[i] ":"; line="    B/op:"; per="    B/iteration:";
    for(j=1;j<=forks;j++){line=line " " a[keys[i], j]; per=per " " it[keys[i], j]} print line; print per}}' "$out"
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
