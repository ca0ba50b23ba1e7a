package dev.unroll.training.data;

import dev.unroll.runtime.Batch;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Array reuse for filling a {@link Batch} without allocating in steady state. */
final class BatchBuffers {

  /**
   * Lengths arrays of batches whose {@code lengths} was set to null (every sequence full length).
   * Kept here so that a later padded batch filled into the same {@link Batch} gets its old array
   * back instead of allocating; weak keys so a dropped batch does not leak.
   */
  private static final Map<Batch, int[]> SPARE_LENGTHS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private BatchBuffers() {
  }

  /** {@code current} if it holds at least {@code n} ints, else a new array. */
  static int[] ints(int[] current, int n) {
    return current != null && current.length >= n ? current : new int[n];
  }

  /** {@code current} if it holds at least {@code n} floats, else a new array. */
  static float[] floats(float[] current, int n) {
    return current != null && current.length >= n ? current : new float[n];
  }

  /** A lengths array of at least {@code n} for {@code batch}: its own, a spare one, or new. */
  static int[] lengths(Batch batch, int n) {
    int[] current = batch.lengths;
    if (current == null) {
      current = SPARE_LENGTHS.get(batch);
    }
    return ints(current, n);
  }

  /** Sets {@code batch.lengths} to null, keeping the array for a later {@link #lengths}. */
  static void clearLengths(Batch batch) {
    if (batch.lengths != null) {
      SPARE_LENGTHS.put(batch, batch.lengths);
      batch.lengths = null;
    }
  }
}
