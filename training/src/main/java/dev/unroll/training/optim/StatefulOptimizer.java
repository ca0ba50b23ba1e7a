package dev.unroll.training.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every optimizer shares: the parameter count, the step counter, named state arrays allocated
 * once, and their checkpointing. Subclasses implement {@link #update}.
 */
abstract class StatefulOptimizer implements Optimizer {
  final int size;
  private final Map<String, float[]> arrays = new LinkedHashMap<>();
  private long steps;

  StatefulOptimizer(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("parameter count must be >= 0, got " + size);
    }
    this.size = size;
  }

  /** Allocates (zeroed) and registers a state array of the parameter count under {@code name}. */
  final float[] newState(String name) {
    float[] a = new float[size];
    arrays.put(name, a);
    return a;
  }

  /**
   * One update with {@code t = steps() + 1} the 1-based number of this step. Modifies params and
   * the state arrays.
   */
  abstract void update(float[] params, float[] grads, float lr, long t);

  @Override
  public final void step(float[] params, float[] grads, float lr) {
    if (params.length != size || grads.length != size) {
      throw new IllegalArgumentException(
          "optimizer over " + size + " parameters got " + params.length + " parameters and "
              + grads.length + " gradients");
    }
    if (!(lr >= 0)) {
      throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
    }
    update(params, grads, lr, steps + 1);
    steps++;
  }

  @Override
  public final Map<String, float[]> state() {
    // Copies, so that a snapshot taken between steps stays a snapshot.
    Map<String, float[]> out = new LinkedHashMap<>();
    arrays.forEach((name, a) -> out.put(name, a.clone()));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public final long steps() {
    return steps;
  }

  @Override
  public final void restore(Map<String, float[]> state, long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    // Check everything before copying anything: a failed restore leaves the optimizer as it was.
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      float[] given = state.get(e.getKey());
      if (given == null) {
        throw new IllegalArgumentException(
            "optimizer state \"" + e.getKey() + "\" is missing; expected " + arrays.keySet());
      }
      if (given.length != size) {
        throw new IllegalArgumentException(
            "optimizer state \"" + e.getKey() + "\" has " + given.length + " elements, expected "
                + size);
      }
    }
    for (String name : state.keySet()) {
      if (!arrays.containsKey(name)) {
        throw new IllegalArgumentException(
            "optimizer state \"" + name + "\" is not kept by " + getClass().getSimpleName()
                + "; expected " + arrays.keySet());
      }
    }
    arrays.forEach((name, a) -> System.arraycopy(state.get(name), 0, a, 0, size));
    this.steps = steps;
  }
}
