package dev.unroll.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: a local master with 2 task threads and 2 attempts per task ({@code
 * local[2,2]}, so a task failed on purpose is retried), bound to the loopback address, without
 * the UI. One session for the whole test JVM: starting Spark takes seconds.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,2]")
          .appName("unroll-spark-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.warehouse.dir", "target/spark-warehouse")
          // tasks start at once instead of waiting for their cached shard's preferred location
          .config("spark.locality.wait", "0")
          .config("spark.sql.shuffle.partitions", "2")
          // interpreted row encoders: compiling them (Janino) costs the tests more than it saves
          .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
          .config("spark.sql.codegen.wholeStage", "false")
          .getOrCreate();
    }
    return session;
  }
}
