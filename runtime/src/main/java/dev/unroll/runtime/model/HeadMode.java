package dev.unroll.runtime.model;

/** Which top-layer states the head reads. Mirrors {@code dev.unroll.dsl.HeadMode}. */
public enum HeadMode {
  /** One output per step: logits {@code [T, B, O]}. */
  MANY_TO_MANY,
  /** One output per sequence: logits {@code [B, O]} from the forward end and the backward start. */
  MANY_TO_ONE
}
