package dev.unroll.dsl;

/** Which states of the top layer the head reads. */
public enum HeadMode {
  /** One output per timestep (tagging, language models). */
  MANY_TO_MANY,
  /**
   * One output per sequence, from the end of the sequence: the forward state after the last step,
   * concatenated (for a bidirectional top layer) with the backward state after the first step.
   */
  MANY_TO_ONE
}
