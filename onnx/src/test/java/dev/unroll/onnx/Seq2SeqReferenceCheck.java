package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import dev.unroll.runtime.seq2seq.Translator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One encoder-decoder reference case (reference/FORMAT-v2.md) through the exported encoder and
 * decoder step graphs in ONNX Runtime:
 *
 * <ul>
 *   <li>teacher forcing: the encoder graph on the (padded) source, then the decoder step graph fed
 *       the case's {@code decoder_input} one step at a time from the bridge's states; its encoder
 *       states, attention weights and logits agree with the case's float64 expectations and with
 *       Unroll's forward pass at the defined positions, within the reference forward tolerance;
 *   <li>a one-hot source ({@code x_one_hot}) also exported as a symbolic source (int64 symbols);
 *   <li>greedy decoding of the whole padded batch through the two graphs equals Unroll's
 *       {@link Translator#greedy} of each source alone, symbol for symbol.
 * </ul>
 *
 * The exporter reads the weights by name straight from the case's safetensors file.
 */
final class Seq2SeqReferenceCheck {
  /** Greedy decoding stops at this symbol or after {@link #MAX_LENGTH} symbols. */
  private static final int END = 1;
  private static final int MAX_LENGTH = 12;

  private Seq2SeqReferenceCheck() {}

  static void run(String name, Path dir, Agreement.Tolerance tolerance) throws Exception {
    Map<String, Object> c = OnnxReferenceCaseTest.config(dir.resolve(name + ".json"));
    TensorFile tensors = SafeTensors.read(dir.resolve(name + ".safetensors"));
    Seq2SeqSpec spec = specOf(name, c, false);
    Function<String, float[]> weights = n -> tensors.require(n).floats();
    int s = OnnxReferenceCaseTest.num(c, "source_steps");
    int steps = OnnxReferenceCaseTest.num(c, "target_steps");
    int batch = OnnxReferenceCaseTest.num(c, "batch");
    float[] x = tensors.require("x").floats();
    int[] sourceLengths = lengths(tensors, "source_lengths", s, batch);
    int[] targetLengths = lengths(tensors, "target_lengths", steps, batch);
    int[] decoderInput = ints(tensors.require("decoder_input"));

    EncoderDecoder net = new InterpretedEncoderDecoder(spec);
    for (ParameterSlot slot : net.layout().slots()) {
      System.arraycopy(weights.apply(slot.name()), 0, net.parameters(), slot.offset(), slot.length());
    }
    Seq2SeqBatch teacher = new Seq2SeqBatch(s, steps, batch);
    teacher.source = x;
    teacher.sourceLengths = sourceLengths;
    teacher.decoderInput = decoderInput;
    Seq2SeqWorkspace ws = net.newWorkspace(s, steps, batch);
    net.forward(ws, teacher);

    Agreement a = new Agreement("onnx reference seq2seq/" + name, tolerance);
    int e = spec.encoderOutputSize();
    int o = spec.outputSize();
    TeacherForced dense = teacherForced(spec, weights, ort -> ort.floats("source", x, s, batch, spec.sourceSize()),
        sourceLengths, decoderInput, s, steps, batch);
    Agreement.Mask realSource = i -> (i / e) / batch < sourceLengths[(i / e) % batch];
    Agreement.Mask realLogits = i -> (i / o) / batch < targetLengths[(i / o) % batch];
    Agreement.Mask realAttention = i -> (i / s) / batch < targetLengths[(i / s) % batch];
    float[] expectedEncoder = tensors.require("expect.encoder_output").floats();
    float[] expectedLogits = tensors.require("expect.logits").floats();
    a.check("encoder_output vs expect", expectedEncoder, dense.encoderOutput, realSource);
    a.check("encoder_output vs Unroll", Arrays.copyOf(ws.encoderOutput(), expectedEncoder.length), dense.encoderOutput,
        realSource);
    a.check("step logits vs expect", expectedLogits, dense.logits, realLogits);
    a.check("step logits vs Unroll", Arrays.copyOf(ws.logits(), expectedLogits.length), dense.logits, realLogits);
    if (spec.attention() != Attention.NONE) {
      float[] expectedAttention = tensors.require("expect.attention").floats();
      a.check("attention vs expect", expectedAttention, dense.attention, realAttention);
      a.check("attention vs Unroll", Arrays.copyOf(ws.attention(), expectedAttention.length), dense.attention,
          realAttention);
    }
    if ((Boolean) c.get("x_one_hot")) {
      long[] symbols = symbolsOf(x, spec.sourceSize());
      TeacherForced symbolic = teacherForced(specOf(name, c, true), weights,
          ort -> ort.longs("source", symbols, s, batch), sourceLengths, decoderInput, s, steps, batch);
      a.check("symbolic source: encoder_output vs expect", expectedEncoder, symbolic.encoderOutput, realSource);
      a.check("symbolic source: step logits vs expect", expectedLogits, symbolic.logits, realLogits);
    }
    a.report();
    checkGreedy(spec, weights, net, x, sourceLengths, s, batch);
  }

  /** The encoder graph's outputs and the decoder step graph's, stacked over the target steps. */
  private record TeacherForced(float[] encoderOutput, float[] logits, float[] attention) {}

  private interface SourceInput {
    void feed(OrtRunner encoder) throws Exception;
  }

  private static TeacherForced teacherForced(Seq2SeqSpec spec, Function<String, float[]> weights, SourceInput source,
      int[] sourceLengths, int[] decoderInput, int s, int steps, int batch) throws Exception {
    Map<String, float[]> encoded;
    try (OrtRunner encoder = new OrtRunner(Seq2SeqExport.encoderModel(spec, weights))) {
      source.feed(encoder);
      encoded = encoder.ints("source_lengths", sourceLengths, batch).run();
    }
    Map<String, float[]> state = initialState(spec, encoded);
    int o = spec.outputSize();
    float[] logits = new float[steps * batch * o];
    float[] attention = new float[steps * batch * s];
    try (OrtRunner decoder = new OrtRunner(Seq2SeqExport.decoderStepModel(spec, weights))) {
      for (int t = 0; t < steps; t++) {
        Map<String, float[]> out = step(spec, decoder, Arrays.copyOfRange(decoderInput, t * batch, (t + 1) * batch),
            state, encoded, s, batch);
        System.arraycopy(out.get("logits"), 0, logits, t * batch * o, batch * o);
        if (out.containsKey("attention")) {
          System.arraycopy(out.get("attention"), 0, attention, t * batch * s, batch * s);
        }
        state = nextState(spec, out);
      }
    }
    return new TeacherForced(encoded.get("encoder_output"), logits, attention);
  }

  /**
   * Greedy decoding of the whole padded batch through the graphs (each sequence stops at
   * {@link #END} or {@link #MAX_LENGTH} symbols) against {@link Translator#greedy} of each
   * source alone at its own length.
   */
  private static void checkGreedy(Seq2SeqSpec spec, Function<String, float[]> weights, EncoderDecoder net, float[] x,
      int[] sourceLengths, int s, int batch) throws Exception {
    int in = spec.sourceSize();
    int o = spec.outputSize();
    Map<String, float[]> encoded;
    try (OrtRunner encoder = new OrtRunner(Seq2SeqExport.encoderModel(spec, weights))) {
      encoded = encoder.floats("source", x, s, batch, in).ints("source_lengths", sourceLengths, batch).run();
    }
    Map<String, float[]> state = initialState(spec, encoded);
    int[][] decoded = new int[batch][MAX_LENGTH];
    int[] length = new int[batch];
    int[] previous = new int[batch];
    try (OrtRunner decoder = new OrtRunner(Seq2SeqExport.decoderStepModel(spec, weights))) {
      for (int t = 0; t < MAX_LENGTH; t++) {
        Map<String, float[]> out = step(spec, decoder, previous, state, encoded, s, batch);
        float[] logits = out.get("logits");
        for (int b = 0; b < batch; b++) {
          int best = 0;
          for (int y = 1; y < o; y++) {
            best = logits[b * o + y] > logits[b * o + best] ? y : best;
          }
          previous[b] = best;
          boolean running = length[b] == t && (t == 0 || decoded[b][t - 1] != END);
          if (running) {
            decoded[b][length[b]++] = best;
          }
        }
        state = nextState(spec, out);
      }
    }
    Translator translator = new Translator(net, s, MAX_LENGTH, 1);
    for (int b = 0; b < batch; b++) {
      float[] source = new float[sourceLengths[b] * in];
      for (int t = 0; t < sourceLengths[b]; t++) {
        System.arraycopy(x, (t * batch + b) * in, source, t * in, in);
      }
      int[] expected = translator.greedy(source, null, sourceLengths[b], END).symbols();
      int[] actual = Arrays.copyOf(decoded[b], length[b]);
      assertArrayEquals(expected, actual, "greedy decoding of sequence " + b + " through ONNX Runtime vs Translator: "
          + Arrays.toString(actual) + " vs " + Arrays.toString(expected));
      System.out.printf(Locale.ROOT, "onnx greedy %s[%d]: %s (equal to Translator.greedy)%n", spec.name(), b,
          Arrays.toString(actual));
    }
  }

  /** The decoder's states as the encoder graph gives them: {@code h_l<k>} (and {@code c_l<k>}). */
  private static Map<String, float[]> initialState(Seq2SeqSpec spec, Map<String, float[]> encoded) {
    Map<String, float[]> state = new java.util.HashMap<>();
    for (int k = 0; k < spec.decoder().size(); k++) {
      state.put("h_l" + k, encoded.get("h_l" + k));
      if (spec.decoder().get(k).cell().hasCellState()) {
        state.put("c_l" + k, encoded.get("c_l" + k));
      }
    }
    return state;
  }

  /** The step's {@code h_n_l<k>} (and {@code c_n_l<k>}) as the next step's state inputs. */
  private static Map<String, float[]> nextState(Seq2SeqSpec spec, Map<String, float[]> out) {
    Map<String, float[]> state = new java.util.HashMap<>();
    for (int k = 0; k < spec.decoder().size(); k++) {
      state.put("h_l" + k, out.get("h_n_l" + k));
      if (spec.decoder().get(k).cell().hasCellState()) {
        state.put("c_l" + k, out.get("c_n_l" + k));
      }
    }
    return state;
  }

  private static Map<String, float[]> step(Seq2SeqSpec spec, OrtRunner decoder, int[] previous,
      Map<String, float[]> state, Map<String, float[]> encoded, int s, int batch) throws Exception {
    decoder.ints("previous", previous, batch);
    for (Map.Entry<String, float[]> e : state.entrySet()) {
      decoder.floats(e.getKey(), e.getValue(), 1, batch, spec.decoderUnits());
    }
    if (spec.attention() != Attention.NONE) {
      decoder.floats("encoder_output", encoded.get("encoder_output"), s, batch, spec.encoderOutputSize())
          .floats("source_mask", encoded.get("source_mask"), batch, s);
    }
    return decoder.run();
  }

  /** The case's architecture (as the processor's Seq2SeqReferenceCaseTest reads it). */
  @SuppressWarnings("unchecked")
  private static Seq2SeqSpec specOf(String name, Map<String, Object> c, boolean symbolicSource) {
    Map<String, Object> enc = (Map<String, Object>) c.get("encoder");
    Map<String, Object> dec = (Map<String, Object>) c.get("decoder");
    Map<String, Object> head = (Map<String, Object>) c.get("head");
    Attention attention = Attention.valueOf(((String) c.get("attention")).toUpperCase(Locale.ROOT));
    return new Seq2SeqSpec("Case_" + name, OnnxReferenceCaseTest.num(enc, "input_size"), symbolicSource,
        stack(enc, (Boolean) enc.get("bidirectional")), stack(dec, false), OnnxReferenceCaseTest.num(dec, "input_size"),
        attention, c.containsKey("attention_size") ? OnnxReferenceCaseTest.num(c, "attention_size") : 0,
        OnnxReferenceCaseTest.num(head, "size"));
  }

  private static List<LayerSpec> stack(Map<String, Object> m, boolean bidirectional) {
    Cell cell = Cell.valueOf(((String) m.get("cell")).toUpperCase(Locale.ROOT));
    return Collections.nCopies(OnnxReferenceCaseTest.num(m, "num_layers"),
        new LayerSpec(cell, OnnxReferenceCaseTest.num(m, "hidden_size"), bidirectional, 0f, 0f,
            Boolean.TRUE.equals(m.get("layer_norm"))));
  }

  /** The index of the 1 in each one-hot row (0 for the zero rows of padded steps). */
  private static long[] symbolsOf(float[] oneHot, int width) {
    long[] symbols = new long[oneHot.length / width];
    for (int r = 0; r < symbols.length; r++) {
      for (int j = 0; j < width; j++) {
        if (oneHot[r * width + j] == 1f) {
          symbols[r] = j;
        }
      }
    }
    return symbols;
  }

  private static int[] lengths(TensorFile tensors, String name, int steps, int batch) {
    if (tensors.contains(name)) {
      return ints(tensors.require(name));
    }
    int[] full = new int[batch];
    Arrays.fill(full, steps);
    return full;
  }

  private static int[] ints(Tensor t) {
    return Arrays.stream(t.longs()).mapToInt(Math::toIntExact).toArray();
  }
}
