#!/usr/bin/env bash
# Unroll against PyTorch and ONNX Runtime on the configurations of BENCHMARKS.md, in one command.
#
#   benchmarks/compare.sh [--configs T1,I2] [--rounds 3] [--help for every option]
#
# Alternates our JMH benchmark, PyTorch's (benchmarks/pytorch/bench.py) and, for I1 and I2, ONNX
# Runtime's (JMH, Unroll's own ONNX export) per configuration and prints one table, then the sgemm
# ceiling and the heap per parameter. The JDK that runs this script runs the forked JVMs too. Builds the benchmarks jar first if it is missing (after changing the runtime,
# rebuild it: mvn -q -pl benchmarks -am package -DskipTests). The PyTorch commands run
# without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE and with OMP_WAIT_POLICY=PASSIVE (see the README).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"

if [[ ! -f "$jar" ]]; then
  echo "building $jar" >&2
  (cd "$here/.." && mvn -q -pl benchmarks -am package -DskipTests)
fi

# The Vector API module for this JVM too, so that its kernel report matches the forked JVMs.
exec java --add-modules jdk.incubator.vector -cp "$jar" dev.unroll.benchmarks.Compare \
  --peer "$here/pytorch/bench.py" "$@"
