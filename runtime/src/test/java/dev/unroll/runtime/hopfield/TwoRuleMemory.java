package dev.unroll.runtime.hopfield;

import java.util.SplittableRandom;

/**
 * A hand-written memory for the runtime's tests (the processor, which generates real ones, is
 * built after the runtime): asynchronous recall over {@link Fields} and {@link StorageRules}.
 */
final class TwoRuleMemory implements HopfieldNetwork {
  private final MemorySpec spec;
  private final float[] weights;

  TwoRuleMemory(String name, int units, StorageRule rule, String data) {
    this.spec = new MemorySpec(name, units, Update.ASYNCHRONOUS, true, rule, 50, 1, data);
    this.weights = new float[units * units];
  }

  @Override
  public MemorySpec spec() {
    return spec;
  }

  @Override
  public float[] weights() {
    return weights;
  }

  @Override
  public void store(int[][] patterns) {
    if (spec.rule() == StorageRule.HEBBIAN) {
      StorageRules.hebbian(weights, spec.units(), patterns, true);
    } else {
      StorageRules.projection(weights, spec.units(), patterns, true);
    }
  }

  @Override
  public Recall recall(int[] probe) {
    int[] s = BipolarStates.copyOf(probe, spec.units(), "probe");
    int[] order = BipolarStates.order(spec.units());
    SplittableRandom random = new SplittableRandom(spec.seed());
    for (int sweep = 1; sweep <= spec.maxSweeps(); sweep++) {
      BipolarStates.shuffle(order, random);
      boolean changed = false;
      for (int i : order) {
        changed |= update(s, i);
      }
      if (!changed) {
        return new Recall(s, true, sweep);
      }
    }
    return new Recall(s, false, spec.maxSweeps());
  }

  @Override
  public boolean update(int[] state, int unit) {
    int next = Fields.sign(field(state, unit), state[unit]);
    boolean changed = next != state[unit];
    state[unit] = next;
    return changed;
  }

  @Override
  public float field(int[] state, int unit) {
    return Fields.field(weights, spec.units(), state, unit);
  }

  @Override
  public double energy(int[] state) {
    return Fields.energy(weights, spec.units(), state);
  }
}
