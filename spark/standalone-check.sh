#!/bin/bash
# Runs the README's spark-submit against a real standalone cluster on this machine: a master and a
# worker (whose executor is a separate JVM) started from Spark 4.2.0's jars, then ClusterCheck
# (spark/src/test/java/dev/unroll/spark/ClusterCheck.java) submitted with the README's options. It
# trains a small GRU over 2 partitions and scores windows on the executor, and fails unless both are
# bit-identical to the driver's single-JVM results.
#
# Needs the jars of a build (mvn -pl spark -am verify -DskipTests, or mvn install) and Maven for
# Spark's class path. Without a Spark distribution, bin/spark-submit is replaced by the class it
# runs (org.apache.spark.deploy.SparkSubmit) in a JVM with Spark's Java options, and SPARK_HOME is
# a directory holding RELEASE and jars/, which is all a worker needs to launch executors.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
V=0.1.0-SNAPSHOT
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
echo "working in $WORK"
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId><artifactId>spark-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
  <version>4.2.0</version></dependency></dependencies></project>
POM
mvn -B -q -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt"
CP=$(cat "$WORK/cp.txt")
mkdir -p "$WORK/spark-home/jars" && touch "$WORK/spark-home/RELEASE"
tr ':' '\n' < "$WORK/cp.txt" | xargs -I{} ln -sf {} "$WORK/spark-home/jars/"
OPTS=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$ROOT/spark/pom.xml")
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
MASTER_PORT=${MASTER_PORT:-17077}
java $OPTS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $MASTER_PORT \
  --webui-port 0 > "$WORK/master.log" 2>&1 &
MASTER=$!
java $OPTS -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 2g \
  --webui-port 0 --work-dir "$WORK/work" spark://127.0.0.1:$MASTER_PORT > "$WORK/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER $MASTER 2>/dev/null || true' EXIT
(cd "$ROOT/spark/target/test-classes" && jar cf "$WORK/unroll-spark-check.jar" dev)
UNROLL=$ROOT/dsl/target/unroll-dsl-$V.jar,$ROOT/model/target/unroll-model-$V.jar,$ROOT/runtime/target/unroll-runtime-$V.jar,$ROOT/training/target/unroll-training-$V.jar,$ROOT/spark/target/unroll-spark-$V.jar
java $OPTS -cp "$CP" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:$MASTER_PORT \
  --deploy-mode client \
  --class dev.unroll.spark.ClusterCheck \
  --jars "$UNROLL" \
  --conf "spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector" \
  --conf "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector" \
  --conf spark.driver.host=127.0.0.1 \
  "$WORK/unroll-spark-check.jar" "$WORK/shared" 2> "$WORK/submit.log"
