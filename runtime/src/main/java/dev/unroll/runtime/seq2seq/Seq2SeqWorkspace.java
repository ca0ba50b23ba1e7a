package dev.unroll.runtime.seq2seq;

import java.util.Arrays;

/**
 * The buffers of one forward and backward pass of an encoder-decoder, time-major, allocated once
 * for up to S source steps, T target steps and B sequences: a training step allocates nothing.
 * Each network makes its own ({@link EncoderDecoder#newWorkspace}); this type gives what callers
 * read of it.
 */
public abstract class Seq2SeqWorkspace {
  /** The capacity: source steps, target steps and sequences. */
  public final int maxSourceSteps, maxTargetSteps, maxBatch;

  protected Seq2SeqWorkspace(int maxSourceSteps, int maxTargetSteps, int maxBatch) {
    Seq2SeqBatch.checkShape("a workspace", maxSourceSteps, maxTargetSteps, maxBatch);
    this.maxSourceSteps = maxSourceSteps;
    this.maxTargetSteps = maxTargetSteps;
    this.maxBatch = maxBatch;
  }

  /**
   * Attention weights of every output step of the last forward pass {@code [T, B, S]} (row {@code
   * (t * B + b) * S}, zero at padded source positions); empty without attention.
   */
  public abstract float[] attention();

  /** The encoder's top-layer states {@code [S, B, E]}. */
  public abstract float[] encoderOutput();

  /** The decoder's initial states from the bridge, {@code tanh(...) [B, Ld * Hd]} (row k*Hd: layer k). */
  public abstract float[] decoderInitialState();

  /** The decoder's top-layer states {@code [T, B, Hd]}. */
  public abstract float[] decoderOutput();

  /** {@code h̃_t [T, B, Hd]} (the decoder's states when there is no attention). */
  public abstract float[] attentionalHidden();

  /** Logits {@code [T, B, O]}. */
  public abstract float[] logits();

  /** d loss / d logits {@code [T, B, O]}, written by {@link EncoderDecoder#loss}. */
  protected abstract float[] logitGradient();

  /** d loss / d parameters, laid out as the network's parameters. */
  public abstract float[] gradients();

  /** d loss / d the dense source {@code [S, B, I]} after backward (null for a symbolic source). */
  public abstract float[] sourceGradient();

  /** Clears the accumulated gradients. */
  public void zeroGradients() {
    Arrays.fill(gradients(), 0f);
  }
}
