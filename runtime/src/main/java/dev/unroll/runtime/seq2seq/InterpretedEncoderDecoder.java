package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Attention;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.kernel.Gemm;
import dev.unroll.runtime.kernel.Rows;
import java.util.Arrays;

/**
 * An encoder-decoder that interprets its {@link Seq2SeqSpec} at run time with {@link
 * RecurrentStack} and {@link AttentionLayer}: any architecture, no code generation. It is the
 * reference the generated networks are tested against, and runs descriptions that no processor
 * compiled (tests, tools).
 */
public final class InterpretedEncoderDecoder extends EncoderDecoder {
  private final AttentionLayer attention;
  private final int e, hd, bridgeRows, outputs;
  private final int bridgeW, bridgeB, headW, headB;

  public InterpretedEncoderDecoder(Seq2SeqSpec spec) {
    super(spec);
    this.attention = spec.attention() == Attention.NONE ? null : new AttentionLayer(spec, layout());
    e = spec.encoderOutputSize();
    hd = spec.decoderUnits();
    bridgeRows = spec.decoder().size() * hd;
    outputs = spec.outputSize();
    bridgeW = offset(ParameterNames.BRIDGE_WEIGHT);
    bridgeB = offset(ParameterNames.BRIDGE_BIAS);
    headW = offset(ParameterNames.HEAD_WEIGHT);
    headB = offset(ParameterNames.HEAD_BIAS);
  }

  /** Buffers for batches of up to the given source steps, target steps and sequences. */
  @Override
  public Seq2SeqWorkspace newWorkspace(int maxSourceSteps, int maxTargetSteps, int maxBatch) {
    return new InterpretedWorkspace(spec(), layout(), maxSourceSteps, maxTargetSteps, maxBatch);
  }

  private static InterpretedWorkspace own(Seq2SeqWorkspace w) {
    if (w instanceof InterpretedWorkspace own) {
      return own;
    }
    throw new IllegalArgumentException("this workspace was not made by InterpretedEncoderDecoder.newWorkspace");
  }

  /** Encoder, bridge, decoder, attention and head. */
  @Override
  public void forward(Seq2SeqWorkspace ws, Seq2SeqBatch b) {
    check(ws, b, true);
    InterpretedWorkspace w = own(ws);
    int n = b.size;
    encode(w, b);
    w.decoder.forward(params, null, b.decoderInput, b.targetSteps, n, null);
    if (attention != null) {
      attention.forward(params, w, b.sourceSteps, b.targetSteps, n, b.sourceLengths);
    }
    // logits = h̃ W_head^T + b_head
    int rows = b.targetSteps * n;
    Rows.broadcast(rows, outputs, params, headB, w.logits, 0, outputs);
    Gemm.xwT(rows, outputs, hd, w.attentionalHidden(), 0, hd, params, headW, null, w.logits, 0, outputs);
  }

  @Override
  public void encode(Seq2SeqWorkspace ws, Seq2SeqBatch b) {
    check(ws, b, false);
    InterpretedWorkspace w = own(ws);
    RecurrentStack enc = w.encoder;
    for (int i = 0; i < enc.h0.length; i++) {
      Arrays.fill(enc.h0[i], 0, enc.h0[i].length, 0f);
      Arrays.fill(enc.c0[i], 0, enc.c0[i].length, 0f);
    }
    enc.forward(params, b.source, b.sourceSymbols, b.sourceSteps, b.size, b.sourceLengths);
    bridgeForward(w, b);
  }

  /**
   * s = [forward top-layer state after step len-1 ; reverse top-layer state after step 0];
   * h0_dec = tanh(W_bridge s + b_bridge), row k of each sequence's [Ld, Hd] to decoder layer k; c0 = 0.
   */
  private void bridgeForward(InterpretedWorkspace w, Seq2SeqBatch b) {
    int n = b.size;
    int he = spec().encoder().get(0).units();
    float[] top = w.encoder.top();
    for (int s = 0; s < n; s++) {
      int last = (b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[s]) - 1;
      System.arraycopy(top, (last * n + s) * e, w.bridgeInput, s * e, he);
      if (spec().encoderDirections() == 2) {
        System.arraycopy(top, s * e + he, w.bridgeInput, s * e + he, he);
      }
    }
    Rows.broadcast(n, bridgeRows, params, bridgeB, w.bridgeOutput, 0, bridgeRows);
    Gemm.xwT(n, bridgeRows, e, w.bridgeInput, 0, e, params, bridgeW, null, w.bridgeOutput, 0, bridgeRows);
    for (int i = 0; i < n * bridgeRows; i++) {
      w.bridgeOutput[i] = (float) Math.tanh(w.bridgeOutput[i]);
    }
    RecurrentStack dec = w.decoder;
    for (int k = 0; k < dec.layers(); k++) {
      Rows.copy(n, hd, w.bridgeOutput, k * hd, bridgeRows, dec.h0[k], 0, hd);
      Arrays.fill(dec.c0[k], 0, n * hd, 0f);
    }
  }

  /** Head, attention, decoder, bridge and encoder, accumulating into the workspace's gradients. */
  @Override
  public void backward(Seq2SeqWorkspace ws, Seq2SeqBatch b) {
    InterpretedWorkspace w = own(ws);
    int n = b.size;
    int rows = b.targetSteps * n;
    float[] grad = w.gradients;
    // dW_head += dLogits^T h̃;  db_head += sum(dLogits);  dh̃ = dLogits W_head
    Gemm.tn(outputs, hd, rows, w.dLogits, 0, outputs, w.attentionalHidden(), 0, hd, grad, headW, hd);
    Rows.addColumnSums(rows, outputs, w.dLogits, 0, outputs, grad, headB);
    float[] dHead = attention != null ? w.dAttentional : w.decoder.dTop();
    Arrays.fill(dHead, 0, rows * hd, 0f);
    Gemm.nn(rows, hd, outputs, w.dLogits, 0, outputs, params, headW, hd, dHead, 0, hd);
    if (attention != null) {
      attention.backward(params, grad, w, b.sourceSteps, b.targetSteps, n, b.sourceLengths);
    } else {
      Arrays.fill(w.encoder.dTop(), 0, b.sourceSteps * n * e, 0f);
    }
    w.decoder.backward(params, grad, null, b.decoderInput, b.targetSteps, n, null);
    bridgeBackward(w, b);
    w.encoder.backward(params, grad, b.source, b.sourceSymbols, b.sourceSteps, n, b.sourceLengths);
  }

  private void bridgeBackward(InterpretedWorkspace w, Seq2SeqBatch b) {
    int n = b.size;
    RecurrentStack dec = w.decoder;
    // dPre = dh0_dec (1 - h0_dec²)
    for (int k = 0; k < dec.layers(); k++) {
      Rows.copy(n, hd, dec.dh0[k], 0, hd, w.dBridge, k * hd, bridgeRows);
    }
    for (int i = 0; i < n * bridgeRows; i++) {
      float y = w.bridgeOutput[i];
      w.dBridge[i] *= 1f - y * y;
    }
    // dW_bridge += dPre^T s;  db_bridge += sum(dPre);  ds = dPre W_bridge
    Gemm.tn(bridgeRows, e, n, w.dBridge, 0, bridgeRows, w.bridgeInput, 0, e, w.gradients, bridgeW, e);
    Rows.addColumnSums(n, bridgeRows, w.dBridge, 0, bridgeRows, w.gradients, bridgeB);
    Arrays.fill(w.dBridgeInput, 0, n * e, 0f);
    Gemm.nn(n, e, bridgeRows, w.dBridge, 0, bridgeRows, params, bridgeW, e, w.dBridgeInput, 0, e);
    // back to the steps the final states came from
    int he = spec().encoder().get(0).units();
    float[] dTop = w.encoder.dTop();
    for (int s = 0; s < n; s++) {
      int last = (b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[s]) - 1;
      int at = (last * n + s) * e;
      for (int j = 0; j < he; j++) {
        dTop[at + j] += w.dBridgeInput[s * e + j];
      }
      if (spec().encoderDirections() == 2) {
        for (int j = he; j < e; j++) {
          dTop[s * e + j] += w.dBridgeInput[s * e + j];
        }
      }
    }
  }
}
