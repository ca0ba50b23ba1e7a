package dev.unroll.training.train;

import dev.unroll.dsl.Loss;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.kernel.Losses;

/** Sums loss, accuracy and errors over the batches of one evaluation, weighted by scored rows. */
final class MetricAccumulator {
  private final Loss loss;
  private final boolean perStep;
  private final int outputs;
  private double lossSum;
  private long rows;
  private long correct;
  private double absError;
  private double squaredError;
  private long elements;

  MetricAccumulator(Loss loss, boolean perStep, int outputs) {
    this.loss = loss;
    this.perStep = perStep;
    this.outputs = outputs;
  }

  /** Adds one evaluated batch: its mean loss and the logits the network produced for it. */
  void add(Batch b, float meanLoss, float[] logits) {
    int scored = Losses.scoredRows(b.steps, b.size, perStep, b.lengths);
    lossSum += (double) meanLoss * scored;
    rows += scored;
    int total = perStep ? b.steps * b.size : b.size;
    for (int r = 0; r < total; r++) {
      if (!Losses.isScored(r, b.size, perStep, b.lengths)) {
        continue;
      }
      int o = r * outputs;
      if (loss == Loss.CROSS_ENTROPY) {
        int best = 0;
        for (int j = 1; j < outputs; j++) {
          if (logits[o + j] > logits[o + best]) {
            best = j;
          }
        }
        if (best == b.classTargets[r]) {
          correct++;
        }
      } else {
        for (int j = 0; j < outputs; j++) {
          double prediction = loss == Loss.MSE ? logits[o + j] : 1 / (1 + Math.exp(-logits[o + j]));
          double e = prediction - b.valueTargets[o + j];
          absError += Math.abs(e);
          squaredError += e * e;
          elements++;
        }
      }
    }
  }

  /** Merges another accumulator's sums into this one (in a fixed order, for determinism). */
  void addAll(MetricAccumulator other) {
    lossSum += other.lossSum;
    rows += other.rows;
    correct += other.correct;
    absError += other.absError;
    squaredError += other.squaredError;
    elements += other.elements;
  }

  Metrics result() {
    double meanLoss = rows == 0 ? Double.NaN : lossSum / rows;
    boolean classification = loss == Loss.CROSS_ENTROPY;
    return new Metrics(
        meanLoss,
        classification && rows > 0 ? (double) correct / rows : Double.NaN,
        !classification && elements > 0 ? absError / elements : Double.NaN,
        !classification && elements > 0 ? Math.sqrt(squaredError / elements) : Double.NaN,
        rows);
  }
}
