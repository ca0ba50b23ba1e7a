package dev.unroll.runtime.hopfield;

/**
 * The outcome of one recall.
 *
 * @param state the final state, &plusmn;1 per unit (a fresh array the caller owns)
 * @param converged whether the last sweep changed no unit, so {@code state} is a fixed point
 * @param sweeps passes over all units made, the last one included (1 when the probe was already a
 *     fixed point); equal to the memory's {@code maxSweeps} when it did not converge
 */
public record Recall(int[] state, boolean converged, int sweeps) {

  /** The overlap {@code m = (1/N) sum_i state_i pattern_i} with {@code pattern}: 1 for the pattern itself, -1 for its inverse. */
  public double overlap(int[] pattern) {
    return BipolarStates.overlap(state, pattern);
  }
}
