package dev.unroll.dsl;

/** How an {@link AssociativeMemory} turns the patterns it stores into weights. */
public enum StorageRule {
  /**
   * Hebb's rule, {@code W = (1/N) sum_mu xi^mu xi^mu^T}: local and incremental, but patterns
   * interfere; random patterns are recalled up to about 0.138 N of them (Amit, Gutfreund and
   * Sompolinsky 1985), correlated ones far fewer.
   */
  HEBBIAN,
  /**
   * The projection (pseudo-inverse) rule, {@code W = X^T (X X^T)^+ X} for the patterns as the rows
   * of X: the orthogonal projection onto their span, so every stored pattern is a fixed point
   * however correlated, up to N linearly independent patterns (fewer with a zero diagonal).
   */
  PROJECTION
}
