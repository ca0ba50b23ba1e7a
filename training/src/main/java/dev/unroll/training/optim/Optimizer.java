package dev.unroll.training.optim;

import java.util.Map;

/**
 * A first-order optimizer over one flat parameter array. Gradients, and every state array the
 * optimizer keeps (moments, velocities), share the parameters' layout element for element, so an
 * update is one pass over plain arrays. Updates are deterministic: the same parameters, gradients,
 * learning rates and state give the same bits. Create one with {@link Optimizers#create}.
 */
public interface Optimizer {

  /**
   * One update of {@code params} from {@code grads} (same flat layout) with learning rate
   * {@code lr} for this step; the formula is the one of the optimizer type (see {@link Optimizers}).
   * Increments {@link #steps()}. Modifies params and the optimizer's state, not grads.
   *
   * @throws IllegalArgumentException if either array's length differs from the parameter count, or
   *     lr is negative or NaN
   */
  void step(float[] params, float[] grads, float lr);

  /**
   * The optimizer's state for checkpoints: named arrays (such as {@code "m"}, {@code "v"},
   * {@code "velocity"}), each one parameter-count long, in a fixed order. The arrays and the map are
   * fresh copies the caller owns; later steps do not change them. Empty for plain SGD.
   */
  Map<String, float[]> state();

  /** The number of updates made so far (Adam's bias corrections use it), restored by {@link #restore}. */
  long steps();

  /**
   * Restores the state and step count saved earlier by {@link #state()} and {@link #steps()}, so
   * that the following updates are bit-identical to those the saved optimizer would have made. The
   * arrays are copied, not kept. All or nothing: on failure nothing changes.
   *
   * @throws IllegalArgumentException naming the array that is missing, of the wrong length or not one
   *     this optimizer keeps, or if steps is negative
   */
  void restore(Map<String, float[]> state, long steps);
}
