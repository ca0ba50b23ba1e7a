package dev.unroll.runtime.hopfield;

/** A memory with a public no-argument constructor, found through the index in {@link PatternStoringTest}. */
public final class IndexedMemory implements HopfieldNetwork {
  private final TwoRuleMemory delegate = new TwoRuleMemory("IndexedMemory", 8, StorageRule.HEBBIAN, "p.txt");

  @Override
  public MemorySpec spec() {
    return delegate.spec();
  }

  @Override
  public float[] weights() {
    return delegate.weights();
  }

  @Override
  public void store(int[][] patterns) {
    delegate.store(patterns);
  }

  @Override
  public Recall recall(int[] probe) {
    return delegate.recall(probe);
  }

  @Override
  public boolean update(int[] state, int unit) {
    return delegate.update(state, unit);
  }

  @Override
  public float field(int[] state, int unit) {
    return delegate.field(state, unit);
  }

  @Override
  public double energy(int[] state) {
    return delegate.energy(state);
  }
}
