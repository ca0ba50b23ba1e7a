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
    if (full.features != null) {
      slice.features = ensure(slice.features, steps * count * featureSize);
      copyRows(full.features, slice.features, steps, b, from, count, featureSize);
    } else {
      slice.features = null;
    }
    if (full.symbols != null) {
      slice.symbols = ensure(slice.symbols, steps * count);
      copyRows(full.symbols, slice.symbols, steps, b, from, count);
    } else {
      slice.symbols = null;
    }
    if (full.lengths != null) {
      slice.lengths = ensure(slice.lengths, count);
      System.arraycopy(full.lengths, from, slice.lengths, 0, count);
    } else {
      slice.lengths = null;
    }
    int targetSteps = perStep ? steps : 1;
    if (full.classTargets != null) {
      slice.classTargets = ensure(slice.classTargets, targetSteps * count);
      copyRows(full.classTargets, slice.classTargets, targetSteps, b, from, count);
    } else {
      slice.classTargets = null;
    }
    if (full.valueTargets != null) {
      slice.valueTargets = ensure(slice.valueTargets, targetSteps * count * outputs);
      copyRows(full.valueTargets, slice.valueTargets, targetSteps, b, from, count, outputs);
    } else {
      slice.valueTargets = null;
    }
  }

  /** Each sequence's feature vector {@code [B, F]} of a conditioned model (none when {@code full} has none). */
  static void sliceConditions(Batch full, int from, int count, int conditionSize, Batch slice) {
    if (full.conditions == null) {
      slice.conditions = null;
      return;
    }
    slice.conditions = ensure(slice.conditions, count * conditionSize);
    System.arraycopy(full.conditions, from * conditionSize, slice.conditions, 0, count * conditionSize);
  }

  private static void copyRows(float[] src, float[] dst, int steps, int b, int from, int count, int width) {
    for (int t = 0; t < steps; t++) {
      System.arraycopy(src, (t * b + from) * width, dst, t * count * width, count * width);
    }
  }

  private static void copyRows(int[] src, int[] dst, int steps, int b, int from, int count) {
    for (int t = 0; t < steps; t++) {
      System.arraycopy(src, t * b + from, dst, t * count, count);
    }
  }

  private static float[] ensure(float[] a, int n) {
    return a != null && a.length >= n ? a : new float[n];
  }

  private static int[] ensure(int[] a, int n) {
    return a != null && a.length >= n ? a : new int[n];
  }
}
