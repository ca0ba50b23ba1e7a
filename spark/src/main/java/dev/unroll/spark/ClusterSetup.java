package dev.unroll.spark;

import dev.unroll.model.TrainingSpec;
import dev.unroll.training.train.MicroBatches;
import dev.unroll.training.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;

/** The facts of a distributed run a model card records: where it ran and what fixes its bits. */
final class ClusterSetup {
  private ClusterSetup() {}

  static Map<String, String> describe(SparkContext sc, int partitions, TrainingConfig config, int examples) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("trainer", "unroll-spark (synchronous data parallel, driver-side reduction)");
    m.put("spark.version", sc.version());
    m.put("spark.master", sc.master());
    m.put("spark.applicationId", sc.applicationId());
    // the driver counts as one executor in the tracker's list on a cluster; local mode has only it
    int executors = sc.statusTracker().getExecutorInfos().length;
    m.put("spark.executors", Integer.toString(sc.isLocal() ? 1 : Math.max(1, executors - 1)));
    m.put("spark.defaultParallelism", Integer.toString(sc.defaultParallelism()));
    m.put("partitions", Integer.toString(partitions));
    m.put("reduction", "micro-batch gradients of at most " + MicroBatches.SIZE
        + " sequences, summed on the driver in micro-batch order; micro-batch m on partition m mod " + partitions);
    m.put("examples", Integer.toString(examples));
    TrainingSpec declared = config.declared();
    m.put("batchSize", Integer.toString(declared.batchSize()));
    m.put("optimizer", declared.optimizer().name());
    m.put("learningRate", Double.toString(declared.learningRate()));
    m.put("clipNorm", Double.toString(declared.clipNorm()));
    m.put("seed", Long.toString(declared.seed()));
    m.put("epochs", Integer.toString(declared.epochs()));
    return m;
  }
}
