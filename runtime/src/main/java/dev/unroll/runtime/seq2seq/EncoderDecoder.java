package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Attention;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqNames;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.Init;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.kernel.Gemm;
import dev.unroll.runtime.kernel.Losses;
import dev.unroll.runtime.kernel.Rows;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An encoder-decoder with attention, trained with teacher forcing (FORMAT-v2, "Encoder-decoder"):
 * <pre>
 * e = encoder(x)                                   [S, B, E], padded steps carry the state
 * h0_dec = tanh(W_bridge [e_fwd(len-1) ; e_bwd(0)] + b_bridge);  c0_dec = 0
 * h = decoder(onehot(decoder_input))                [T, B, Hd]
 * h̃ = attention(h, e)  (or h)                      [T, B, Hd]
 * logits = h̃ W_head^T + b_head;  loss = mean_{t < target_len} CE(logits, target)
 * </pre>
 * All parameters live in one flat array laid out as {@link #layout()} (PyTorch names); gradients in
 * the workspace's array of the same layout.
 */
public final class EncoderDecoder {
  private final Seq2SeqSpec spec;
  private final ParameterLayout layout;
  private final float[] params;
  private final AttentionLayer attention;
  private final int e, hd, bridgeRows, outputs;
  private final int bridgeW, bridgeB, headW, headB;

  public EncoderDecoder(Seq2SeqSpec spec) {
    this.spec = spec;
    this.layout = layoutOf(spec);
    this.params = new float[layout.size()];
    this.attention = spec.attention() == Attention.NONE ? null : new AttentionLayer(spec, layout);
    e = spec.encoderOutputSize();
    hd = spec.decoderUnits();
    bridgeRows = spec.decoder().size() * hd;
    outputs = spec.outputSize();
    bridgeW = layout.slot(Seq2SeqNames.BRIDGE_WEIGHT).offset();
    bridgeB = layout.slot(Seq2SeqNames.BRIDGE_BIAS).offset();
    headW = layout.slot(ParameterNames.HEAD_WEIGHT).offset();
    headB = layout.slot(ParameterNames.HEAD_BIAS).offset();
  }

  /** The parameters of {@code spec} in canonical order, packed one after the other. */
  public static ParameterLayout layoutOf(Seq2SeqSpec spec) {
    List<ParameterSlot> slots = new ArrayList<>();
    int at = 0;
    for (Seq2SeqSpec.Tensor t : spec.parameters()) {
      slots.add(new ParameterSlot(t.name(), t.shape(), at));
      at += t.size();
    }
    return new ParameterLayout(slots);
  }

  public Seq2SeqSpec spec() {
    return spec;
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** The live parameter array. */
  public float[] parameters() {
    return params;
  }

  /**
   * Draws every parameter from {@code seed}, in layout order, as PyTorch initialises its modules:
   * the stacks uniform in {@code ±1/sqrt(H)}, each linear map (bridge, attention, head) and its bias
   * uniform in {@code ±1/sqrt(fan-in)}.
   */
  public void initialize(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int fanIn = 1;
    for (ParameterSlot slot : layout.slots()) {
      String name = slot.name();
      int[] shape = slot.shape();
      if (shape.length == 2) {
        fanIn = shape[1];
      }
      int units = name.startsWith(Seq2SeqNames.ENCODER + ".") ? spec.encoder().get(0).units()
          : name.startsWith(Seq2SeqNames.DECODER + ".") ? hd : fanIn;
      Init.uniform(params, slot.offset(), slot.length(), (float) (1 / Math.sqrt(units)), rng);
    }
  }

  /**
   * Loads every parameter from a safetensors file under its PyTorch name (strictly: the file holds
   * exactly these parameters); nothing changes unless every tensor is valid.
   */
  public void loadWeights(Path file) throws IOException {
    NetworkWeights.apply(spec.name(), layout, params, SafeTensors.read(file), true);
  }

  /** Saves every parameter as an F32 tensor under its PyTorch name, with the canonical order in the metadata. */
  public void saveWeights(Path file, Map<String, String> extraMetadata) throws IOException {
    NetworkWeights.save(spec.name(), layout, params, file, extraMetadata);
  }

  /** Buffers for batches of up to the given source steps, target steps and sequences. */
  public Seq2SeqWorkspace newWorkspace(int maxSourceSteps, int maxTargetSteps, int maxBatch) {
    return new Seq2SeqWorkspace(spec, layout, maxSourceSteps, maxTargetSteps, maxBatch);
  }

  private static void check(Seq2SeqWorkspace w, Seq2SeqBatch b) {
    if (b.sourceSteps > w.maxSourceSteps || b.targetSteps > w.maxTargetSteps || b.size > w.maxBatch) {
      throw new IllegalArgumentException("batch S = " + b.sourceSteps + ", T = " + b.targetSteps + ", B = " + b.size
          + " exceeds the workspace's S = " + w.maxSourceSteps + ", T = " + w.maxTargetSteps + ", B = " + w.maxBatch);
    }
    if ((b.source == null) == (b.sourceSymbols == null)) {
      throw new IllegalArgumentException("a batch holds either batch.source (dense) or batch.sourceSymbols, not "
          + (b.source == null ? "neither" : "both"));
    }
    if (b.decoderInput == null) {
      throw new IllegalArgumentException("batch.decoderInput must hold the previous target symbols [T * B]");
    }
    checkLengths("sourceLengths", b.sourceLengths, b.sourceSteps, b.size);
    checkLengths("targetLengths", b.targetLengths, b.targetSteps, b.size);
  }

  private static void checkLengths(String field, int[] lengths, int steps, int size) {
    if (lengths == null) {
      return;
    }
    for (int i = 0; i < size; i++) {
      if (lengths[i] < 1 || lengths[i] > steps) {
        throw new IllegalArgumentException("batch." + field + "[" + i + "] must be in [1, " + steps + "], was "
            + lengths[i]);
      }
    }
  }

  /** Encoder, bridge, decoder, attention and head. */
  public void forward(Seq2SeqWorkspace w, Seq2SeqBatch b) {
    check(w, b);
    int n = b.size;
    RecurrentStack enc = w.encoder;
    for (int i = 0; i < enc.h0.length; i++) {
      Arrays.fill(enc.h0[i], 0, enc.h0[i].length, 0f);
      Arrays.fill(enc.c0[i], 0, enc.c0[i].length, 0f);
    }
    enc.forward(params, b.source, b.sourceSymbols, b.sourceSteps, n, b.sourceLengths);
    bridgeForward(w, b);
    w.decoder.forward(params, null, b.decoderInput, b.targetSteps, n, null);
    if (attention != null) {
      attention.forward(params, w, b.sourceSteps, b.targetSteps, n, b.sourceLengths);
    }
    // logits = h̃ W_head^T + b_head
    int rows = b.targetSteps * n;
    Rows.broadcast(rows, outputs, params, headB, w.logits, 0, outputs);
    Gemm.xwT(rows, outputs, hd, w.attentionalHidden(), 0, hd, params, headW, null, w.logits, 0, outputs);
  }

  /**
   * s = [forward top-layer state after step len-1 ; reverse top-layer state after step 0];
   * h0_dec = tanh(W_bridge s + b_bridge), row k of each sequence's [Ld, Hd] to decoder layer k; c0 = 0.
   */
  private void bridgeForward(Seq2SeqWorkspace w, Seq2SeqBatch b) {
    int n = b.size;
    int he = spec.encoder().get(0).units();
    float[] top = w.encoder.top();
    for (int s = 0; s < n; s++) {
      int last = (b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[s]) - 1;
      System.arraycopy(top, (last * n + s) * e, w.bridgeInput, s * e, he);
      if (spec.encoderDirections() == 2) {
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

  /** Mean cross-entropy over the target steps {@code t < targetLengths[b]}; writes d loss / d logits. */
  public float loss(Seq2SeqWorkspace w, Seq2SeqBatch b) {
    if (b.targets == null) {
      throw new IllegalArgumentException("an encoder-decoder is trained with CROSS_ENTROPY: batch.targets must"
          + " hold the target symbols [T * B]");
    }
    return Losses.crossEntropy(b.targetSteps, b.size, true, outputs, w.logits, b.targets, b.targetLengths,
        w.dLogits);
  }

  /** Head, attention, decoder, bridge and encoder, accumulating into the workspace's gradients. */
  public void backward(Seq2SeqWorkspace w, Seq2SeqBatch b) {
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

  private void bridgeBackward(Seq2SeqWorkspace w, Seq2SeqBatch b) {
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
    int he = spec.encoder().get(0).units();
    float[] dTop = w.encoder.dTop();
    for (int s = 0; s < n; s++) {
      int last = (b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[s]) - 1;
      int at = (last * n + s) * e;
      for (int j = 0; j < he; j++) {
        dTop[at + j] += w.dBridgeInput[s * e + j];
      }
      if (spec.encoderDirections() == 2) {
        for (int j = he; j < e; j++) {
          dTop[s * e + j] += w.dBridgeInput[s * e + j];
        }
      }
    }
  }
}
