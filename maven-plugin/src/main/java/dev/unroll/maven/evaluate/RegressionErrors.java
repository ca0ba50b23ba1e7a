package dev.unroll.maven.evaluate;

import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.SequenceDataset;
import java.util.List;

/**
 * Mean absolute and root mean squared error in the data's own units: the trained model predicts
 * from unnormalised windows (normalising and denormalising as it does for any caller) and its
 * outputs are compared with the unnormalised targets. The trainer's figures are in normalised
 * units, which a threshold such as {@code <maxMae>} should not be written in.
 */
public final class RegressionErrors {
  private RegressionErrors() {}

  /** {@code {mae, rmse}} of the model over {@code raw}'s examples. */
  public static double[] of(TrainedModel model, SequenceDataset raw) {
    List<float[][]> inputs = raw.featureSteps();
    float[][] predictions = model.predictBatchFeatures(inputs);
    double absolute = 0;
    double squared = 0;
    long count = 0;
    for (int i = 0; i < predictions.length; i++) {
      float[] target = raw.examples().get(i).valueTargets();
      for (int j = 0; j < target.length; j++) {
        double d = (double) predictions[i][j] - target[j];
        absolute += Math.abs(d);
        squared += d * d;
        count++;
      }
    }
    return count == 0 ? new double[] {Double.NaN, Double.NaN}
        : new double[] {absolute / count, Math.sqrt(squared / count)};
  }
}
