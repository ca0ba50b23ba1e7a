package dev.unroll.dsl;

/** How the units of an {@link AssociativeMemory} are updated during recall. */
public enum Update {
  /**
   * One unit at a time, in a random order drawn afresh for every sweep from the declared seed,
   * each unit seeing the units already updated: every change lowers the energy, so recall always
   * reaches a fixed point.
   */
  ASYNCHRONOUS,
  /**
   * Every unit at once from the previous state. Faster to converge on a fixed point when there is
   * one, but it may also fall into a cycle of two states, which recall reports as not converged.
   */
  SYNCHRONOUS
}
