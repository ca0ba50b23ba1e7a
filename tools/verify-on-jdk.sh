#!/usr/bin/env bash
# Runs the whole test suite (the README's test command) on another JDK, given its home folder:
#   tools/verify-on-jdk.sh /usr/lib/jvm/temurin-25-jdk-amd64 [extra Maven arguments]
# Maven itself and every forked JVM (Surefire, the plugin's training JVMs, invoker builds) then run
# on that JDK; the compiled classes still target Java 17 (maven.compiler.release).
set -euo pipefail
if [ $# -lt 1 ] || [ ! -x "$1/bin/java" ]; then
  echo "usage: $0 JDK_HOME [maven arguments]   (JDK_HOME/bin/java must exist)" >&2
  exit 2
fi
export JAVA_HOME="$1"
shift
export PATH="$JAVA_HOME/bin:$PATH"
cd "$(dirname "$0")/.."
java -version 2>&1 | head -1
exec mvn -B -ntp verify "$@"
