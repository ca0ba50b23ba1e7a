package dev.unroll.runtime.hopfield;

import java.util.List;

/**
 * A Hopfield network generated from {@code @AssociativeMemory}: N binary units with symmetric
 * weights {@code W [N, N]} (row-major in {@link #weights()}). States are bipolar, one {@code +1}
 * or {@code -1} per unit. A unit's field is {@code h_i = sum_j W_ij s_j}; an update sets
 * {@code s_i = sign(h_i)} and leaves the unit as it is when {@code h_i = 0}. The energy
 * {@code E(s) = -1/2 sum_ij W_ij s_i s_j} never rises under asynchronous updates.
 */
public interface HopfieldNetwork {

  /** The declaration this class was generated from. */
  MemorySpec spec();

  /** N, the length of every pattern and state. */
  default int units() {
    return spec().units();
  }

  /** The weights {@code W [N, N]}, row-major; live, not a copy. */
  float[] weights();

  /**
   * Replaces the weights with ones storing exactly {@code patterns}, by the declared rule.
   *
   * @throws IllegalArgumentException naming the pattern and unit at fault, if a pattern does not
   *     have N entries or holds a value other than &plusmn;1
   */
  void store(int[][] patterns);

  /** As {@link #store(int[][])}. */
  default void store(List<int[]> patterns) {
    store(patterns.toArray(new int[0][]));
  }

  /**
   * Updates units from {@code probe} (left unchanged) until a sweep changes none, or
   * {@code maxSweeps} sweeps; deterministic (asynchronous orders are drawn from the declared seed).
   *
   * @throws IllegalArgumentException if the probe is not a bipolar state of N units
   */
  Recall recall(int[] probe);

  /**
   * One asynchronous update of unit {@code unit} in {@code state}, in place.
   *
   * @return whether the unit changed
   */
  boolean update(int[] state, int unit);

  /** The field {@code h_i = sum_j W_ij s_j} of unit {@code unit} in {@code state}. */
  float field(int[] state, int unit);

  /**
   * The energy {@code -1/2 sum_ij W_ij s_i s_j} of {@code state}, in double precision.
   *
   * @throws IllegalArgumentException if {@code state} is not a bipolar state of N units
   */
  double energy(int[] state);
}
