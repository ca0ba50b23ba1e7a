package dev.unroll.training.train;

import dev.unroll.runtime.Batch;

/**
 * Copies a contiguous range of sequences out of a time-major batch, so that each data-parallel
 * worker gets its own slice. The slice's arrays are reused across calls once large enough.
 */
final class BatchSlicer {
  private BatchSlicer() {}

  /**
   * Fills {@code slice} with sequences {@code [from, from + count)} of {@code full}.
   *
   * @param featureSize I for dense inputs
   * @param outputs O for float targets
   * @param perStep whether targets are per step ({@code [T, B, ...]}) or per sequence ({@code [B, ...]})
   */
  static void slice(Batch full, int from, int count, int featureSize, int outputs, boolean perStep, Batch slice) {
    int steps = full.steps;
    int b = full.size;
    slice.steps = steps;
    slice.size = count;
    slice.continueState = full.continueState;
    slice.training = full.training;
    slice.features = rows(full.features, slice.features, steps, b, from, count, featureSize);
    slice.symbols = rows(full.symbols, slice.symbols, steps, b, from, count);
    slice.lengths = rows(full.lengths, slice.lengths, 1, b, from, count);
    int targetSteps = perStep ? steps : 1;
    slice.classTargets = rows(full.classTargets, slice.classTargets, targetSteps, b, from, count);
    slice.valueTargets = rows(full.valueTargets, slice.valueTargets, targetSteps, b, from, count, outputs);
  }

  /** Each sequence's feature vector {@code [B, F]} of a conditioned model (none when {@code full} has none). */
  static void sliceConditions(Batch full, int from, int count, int conditionSize, Batch slice) {
    slice.conditions = rows(full.conditions, slice.conditions, 1, full.size, from, count, conditionSize);
  }

  /**
   * Sequences {@code [from, from + count)} of a time-major {@code [steps, b, width]} array, in
   * {@code reuse} when it is large enough; {@code null} when {@code src} is (the batch lacks it).
   */
  private static float[] rows(float[] src, float[] reuse, int steps, int b, int from, int count, int width) {
    if (src == null) {
      return null;
    }
    float[] dst = ensure(reuse, steps * count * width);
    for (int t = 0; t < steps; t++) {
      System.arraycopy(src, (t * b + from) * width, dst, t * count * width, count * width);
    }
    return dst;
  }

  /** {@link #rows(float[], float[], int, int, int, int, int)} for {@code [steps, b]} arrays of ints. */
  private static int[] rows(int[] src, int[] reuse, int steps, int b, int from, int count) {
    if (src == null) {
      return null;
    }
    int[] dst = ensure(reuse, steps * count);
    for (int t = 0; t < steps; t++) {
      System.arraycopy(src, t * b + from, dst, t * count, count);
    }
    return dst;
  }

  private static float[] ensure(float[] a, int n) {
    return a != null && a.length >= n ? a : new float[n];
  }

  private static int[] ensure(int[] a, int n) {
    return a != null && a.length >= n ? a : new int[n];
  }
}
