package dev.unroll.runtime.seq2seq;

import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.Init;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.kernel.Losses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>This class holds what every encoder-decoder shares (parameters, initialisation, weights I/O,
 * the loss, batch checks); the passes are the subclass's: the class the processor generates for an
 * {@code @EncoderDecoder}, specialised to its architecture, or {@link InterpretedEncoderDecoder},
 * which interprets any {@link Seq2SeqSpec} and serves as the reference the generated code is tested
 * against. Decoding step by step is {@link IncrementalDecoder}'s, for both.
 */
public abstract class EncoderDecoder {
  private final Seq2SeqSpec spec;
  private final ParameterLayout layout;
  /** Every parameter, laid out as {@link #layout()}. */
  protected final float[] params;

  protected EncoderDecoder(Seq2SeqSpec spec) {
    this.spec = spec;
    this.layout = layoutOf(spec);
    this.params = new float[layout.size()];
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
      int units = name.startsWith(ParameterNames.ENCODER + ".") ? spec.encoder().get(0).units()
          : name.startsWith(ParameterNames.DECODER + ".") ? spec.decoderUnits() : fanIn;
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
  public abstract Seq2SeqWorkspace newWorkspace(int maxSourceSteps, int maxTargetSteps, int maxBatch);

  /** Encoder, bridge, decoder, attention and head (teacher forcing). */
  public abstract void forward(Seq2SeqWorkspace w, Seq2SeqBatch b);

  /**
   * The encoder and the bridge only: fills {@link Seq2SeqWorkspace#encoderOutput()} and {@link
   * Seq2SeqWorkspace#decoderInitialState()} for b's sources ({@code b.decoderInput} is not read).
   */
  public abstract void encode(Seq2SeqWorkspace w, Seq2SeqBatch b);

  /** Head, attention, decoder, bridge and encoder, accumulating into the workspace's gradients. */
  public abstract void backward(Seq2SeqWorkspace w, Seq2SeqBatch b);

  /** Mean cross-entropy over the target steps {@code t < targetLengths[b]}; writes d loss / d logits. */
  public float loss(Seq2SeqWorkspace w, Seq2SeqBatch b) {
    if (b.targets == null) {
      throw new IllegalArgumentException("an encoder-decoder is trained with CROSS_ENTROPY: batch.targets must"
          + " hold the target symbols [T * B]");
    }
    return Losses.crossEntropy(b.targetSteps, b.size, true, spec.outputSize(), w.logits(), b.targets,
        b.targetLengths, w.logitGradient());
  }

  /**
   * Refuses a batch the workspace cannot hold or whose fields are inconsistent, naming the field.
   *
   * @param teacherForced whether the target side is read (a forward pass; not {@link #encode})
   */
  protected static void check(Seq2SeqWorkspace w, Seq2SeqBatch b, boolean teacherForced) {
    if (b.sourceSteps > w.maxSourceSteps || teacherForced && b.targetSteps > w.maxTargetSteps
        || b.size > w.maxBatch) {
      throw new IllegalArgumentException("batch S = " + b.sourceSteps + ", T = " + b.targetSteps + ", B = " + b.size
          + " exceeds the workspace's S = " + w.maxSourceSteps + ", T = " + w.maxTargetSteps + ", B = " + w.maxBatch);
    }
    if ((b.source == null) == (b.sourceSymbols == null)) {
      throw new IllegalArgumentException("a batch holds either batch.source (dense) or batch.sourceSymbols, not "
          + (b.source == null ? "neither" : "both"));
    }
    if (teacherForced && b.decoderInput == null) {
      throw new IllegalArgumentException("batch.decoderInput must hold the previous target symbols [T * B]");
    }
    checkLengths("sourceLengths", b.sourceLengths, b.sourceSteps, b.size);
    if (teacherForced) {
      checkLengths("targetLengths", b.targetLengths, b.targetSteps, b.size);
    }
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

  /** The offset of a parameter of this network (for the code that runs it). */
  protected final int offset(String name) {
    return layout.slot(name).offset();
  }
}
