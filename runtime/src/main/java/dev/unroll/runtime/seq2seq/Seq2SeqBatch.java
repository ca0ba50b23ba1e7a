package dev.unroll.runtime.seq2seq;

/**
 * One teacher-forced batch of an encoder-decoder, time-major: S source steps and T target steps of
 * B sequences. Padded positions hold zeros (symbol 0).
 */
public final class Seq2SeqBatch {
  /** S: source steps. */
  public final int sourceSteps;
  /** T: target steps. */
  public final int targetSteps;
  /** B: sequences. */
  public final int size;
  /** Dense source {@code [S, B, I]}, or null for a symbolic source. */
  public float[] source;
  /** Symbolic source {@code [S * B]} (row {@code s * B + b}), or null for a dense source. */
  public int[] sourceSymbols;
  /** Source lengths {@code [B]}, or null when every sequence has S steps. */
  public int[] sourceLengths;
  /** The previous target symbol of every step {@code [T * B]} (the start symbol at t = 0). */
  public int[] decoderInput;
  /** Target symbols {@code [T * B]}. */
  public int[] targets;
  /** Target lengths {@code [B]}, or null when every target has T steps. */
  public int[] targetLengths;

  public Seq2SeqBatch(int sourceSteps, int targetSteps, int size) {
    checkShape("a batch", sourceSteps, targetSteps, size);
    this.sourceSteps = sourceSteps;
    this.targetSteps = targetSteps;
    this.size = size;
  }

  /** Refuses a shape without source steps, target steps or sequences; {@code what} names its holder. */
  static void checkShape(String what, int sourceSteps, int targetSteps, int sequences) {
    if (sourceSteps <= 0 || targetSteps <= 0 || sequences <= 0) {
      throw new IllegalArgumentException(what + " needs source steps, target steps and sequences > 0, was S = "
          + sourceSteps + ", T = " + targetSteps + ", B = " + sequences);
    }
  }
}
