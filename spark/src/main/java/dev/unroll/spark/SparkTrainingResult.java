package dev.unroll.spark;

import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.infer.ModelCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a distributed run did: each epoch's mean training loss, the optimizer steps taken, whether
 * it resumed from a checkpoint, and the cluster setup, which {@link #card} records beside the
 * training settings.
 *
 * @param trainLosses mean training loss of every epoch (rows weighted as the single-machine trainer weighs them)
 * @param steps optimizer steps, including those before a resume
 * @param resumed whether the run continued from its checkpoint
 * @param setup the cluster and training settings, as {@link ClusterSetup#describe} gives them
 */
public record SparkTrainingResult(List<Double> trainLosses, long steps, boolean resumed, Map<String, String> setup) {

  /**
   * A model card for the trained network: the last epoch's training loss as {@code trainLoss},
   * and the setup (Spark version, master, executors, partitions, global batch, reduction, seed, ...)
   * as extras; save it with the weights through {@code ModelArtifacts.save}.
   */
  public ModelCard card(ModelSpec spec, String dataFingerprint) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!trainLosses.isEmpty()) {
      metrics.put("trainLoss", trainLosses.get(trainLosses.size() - 1));
    }
    return ModelCard.of(spec, metrics, trainLosses.size(), dataFingerprint, setup);
  }
}
