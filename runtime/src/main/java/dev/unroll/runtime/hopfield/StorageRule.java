package dev.unroll.runtime.hopfield;

/** How a {@link HopfieldNetwork} turns patterns into weights (the runtime twin of {@code dev.unroll.dsl.StorageRule}). */
public enum StorageRule {
  /** {@code W = (1/N) sum_mu xi^mu xi^mu^T}; see {@link StorageRules#hebbian}. */
  HEBBIAN,
  /** The orthogonal projection onto the patterns' span; see {@link StorageRules#projection}. */
  PROJECTION
}
