package dev.unroll.runtime.kernel;

/**
 * Mean losses over the scored rows of a logits matrix, each also writing d loss / d logits. A row
 * is one (t, b) pair for per-step heads ({@code perStep}, row {@code t * B + b}) or one sequence
 * otherwise. Per-step rows past a sequence's length are not scored and get a zero gradient.
 */
public final class Losses {
  private Losses() {}

  /**
   * Cross-entropy with softmax: {@code L = mean_r( logsumexp(z_r) - z_r[y_r] )},
   * {@code dz_r = (softmax(z_r) - onehot(y_r)) / N} (see {@link Softmax}). Modifies dLogits.
   *
   * @throws IllegalArgumentException for a target outside {@code [0, classes)}
   */
  public static float crossEntropy(
      int steps, int batch, boolean perStep, int classes,
      float[] logits, int[] targets, int[] lengths, float[] dLogits) {
    int rows = perStep ? steps * batch : batch;
    int scored = scoredRows(steps, batch, perStep, lengths);
    double total = 0;
    float inv = 1f / scored;
    for (int r = 0; r < rows; r++) {
      int o = r * classes;
      if (!isScored(r, batch, perStep, lengths)) {
        java.util.Arrays.fill(dLogits, o, o + classes, 0f);
        continue;
      }
      int y = targets[r];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException(
            "class target " + y + " at row " + r + " is outside [0, " + classes + ")");
      }
      double logSum = Softmax.logSumExp(logits, o, classes);
      total += logSum - logits[o + y];
      for (int j = 0; j < classes; j++) {
        dLogits[o + j] = (float) Math.exp(logits[o + j] - logSum) * inv;
      }
      dLogits[o + y] -= inv;
    }
    return (float) (total / scored);
  }

  /**
   * Mean squared error of raw logits: {@code L = mean((z - y)^2)} over every output of every scored
   * row, {@code dz = 2 (z - y) / (N * O)}. Modifies dLogits.
   */
  public static float meanSquaredError(
      int steps, int batch, boolean perStep, int outputs,
      float[] logits, float[] targets, int[] lengths, float[] dLogits) {
    return meanOverOutputs(PerOutput.SQUARED_ERROR, steps, batch, perStep, outputs, logits, targets, lengths,
        dLogits);
  }

  /**
   * Binary cross-entropy on {@code sigmoid(z)}, computed stably from the logits:
   * {@code L = mean(max(z,0) - z y + log(1 + e^{-|z|}))}, {@code dz = (sigmoid(z) - y) / (N * O)}.
   * Modifies dLogits.
   */
  public static float binaryCrossEntropy(
      int steps, int batch, boolean perStep, int outputs,
      float[] logits, float[] targets, int[] lengths, float[] dLogits) {
    return meanOverOutputs(PerOutput.BINARY_CROSS_ENTROPY, steps, batch, perStep, outputs, logits, targets, lengths,
        dLogits);
  }

  /** A loss that scores each output on its own, from its logit z and target y. */
  private enum PerOutput {
    SQUARED_ERROR {
      @Override
      double value(float z, float y) {
        float d = z - y;
        return (double) d * d;
      }

      @Override
      float derivative(float z, float y) {
        return 2f * (z - y);
      }
    },
    BINARY_CROSS_ENTROPY {
      @Override
      double value(float z, float y) {
        return Math.max(z, 0f) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      }

      @Override
      float derivative(float z, float y) {
        return Activations.sigmoid(z) - y;
      }
    };

    abstract double value(float z, float y);

    /** d value / dz. */
    abstract float derivative(float z, float y);
  }

  /**
   * The mean of a per-output loss over the {@code N * O} outputs of the scored rows, and {@code dz =
   * derivative / (N * O)} (zero on rows that are not scored). Modifies dLogits.
   */
  private static float meanOverOutputs(PerOutput loss, int steps, int batch, boolean perStep, int outputs,
      float[] logits, float[] targets, int[] lengths, float[] dLogits) {
    int rows = perStep ? steps * batch : batch;
    int scored = scoredRows(steps, batch, perStep, lengths);
    float inv = 1f / ((float) scored * outputs);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int o = r * outputs;
      boolean on = isScored(r, batch, perStep, lengths);
      for (int j = 0; j < outputs; j++) {
        float z = logits[o + j];
        float y = targets[o + j];
        if (on) {
          total += loss.value(z, y);
        }
        dLogits[o + j] = on ? loss.derivative(z, y) * inv : 0f;
      }
    }
    return (float) (total / ((double) scored * outputs));
  }

  /** Whether row {@code r} of a logits matrix is scored (not a padded step). */
  public static boolean isScored(int r, int batch, boolean perStep, int[] lengths) {
    return !perStep || lengths == null || r / batch < lengths[r % batch];
  }

  /** The number of scored rows: the N the losses are means over. */
  public static int scoredRows(int steps, int batch, boolean perStep, int[] lengths) {
    if (!perStep) {
      return batch;
    }
    if (lengths == null) {
      return steps * batch;
    }
    int n = 0;
    for (int b = 0; b < batch; b++) {
      n += lengths[b];
    }
    return n;
  }
}
