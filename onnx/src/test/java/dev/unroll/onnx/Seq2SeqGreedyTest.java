package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Translator;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Greedy decoding through the exported encoder and decoder step graphs in ONNX Runtime equals
 * Unroll's {@link Translator#greedy}, symbol for symbol, for drawn encoder-decoders (every cell,
 * every attention, bidirectional and stacked encoders, dense and symbolic sources) on a padded
 * batch of sources of different lengths (the Translator decodes each source alone).
 *
 * <p>The weights are drawn from [-2, 2], larger than PyTorch's initialisation, so that the
 * decoders' outputs change from step to step and depend on the source: with small weights greedy
 * decoding repeats one symbol, which would prove little (the test requires varied decodings).
 */
class Seq2SeqGreedyTest {
  private static final long SEED = 0x5E0_25E0L;
  private static final int MODELS = 8;
  private static final int BATCH = 4;
  private static final int MAX_LENGTH = 10;
  private static final int END = 0;
  private static final Cell[] CELLS = {Cell.LSTM, Cell.GRU, Cell.RNN_TANH};

  @Test
  void greedyDecodingMatchesTranslator() throws Exception {
    Random random = new Random(SEED);
    int varied = 0;
    int sourceDependent = 0;
    for (int i = 0; i < MODELS; i++) {
      Seq2SeqSpec spec = draw(i, random);
      int[][] decodings = check(spec, random.nextLong());
      for (int[] symbols : decodings) {
        varied += Arrays.stream(symbols).distinct().count() >= 2 ? 1 : 0;
      }
      sourceDependent += Arrays.stream(decodings).map(Arrays::toString).distinct().count() > 1 ? 1 : 0;
    }
    // Decodings that repeat one symbol whatever the source would agree by chance too.
    assertTrue(varied >= MODELS, "only " + varied + " of " + MODELS * BATCH + " decodings use 2 or more symbols");
    assertTrue(sourceDependent >= MODELS / 2, "only " + sourceDependent + " of " + MODELS
        + " models decode their sources differently");
  }

  private static Seq2SeqSpec draw(int i, Random random) {
    Attention attention = Attention.values()[i % Attention.values().length];
    Cell encoderCell = CELLS[i % CELLS.length];
    Cell decoderCell = CELLS[(i / 2) % CELLS.length];
    boolean bidirectional = random.nextBoolean();
    int he = 3 + random.nextInt(4);
    int e = (bidirectional ? 2 : 1) * he;
    int hd = attention == Attention.DOT ? e : 3 + random.nextInt(5);
    int vocabulary = 5 + random.nextInt(4);
    boolean symbolic = i % 2 == 1;
    int source = 3 + random.nextInt(5);
    return new Seq2SeqSpec("Drawn" + i, source, symbolic,
        Collections.nCopies(1 + random.nextInt(2), new LayerSpec(encoderCell, he, bidirectional, 0f, 0f)),
        Collections.nCopies(1 + random.nextInt(2), new LayerSpec(decoderCell, hd, false, 0f, 0f)),
        vocabulary, attention, attention == Attention.ADDITIVE ? 2 + random.nextInt(4) : 0, vocabulary);
  }

  /** Decodes a drawn batch both ways and compares; returns the decodings. */
  private static int[][] check(Seq2SeqSpec spec, long seed) throws Exception {
    Random random = new Random(seed);
    EncoderDecoder net = new InterpretedEncoderDecoder(spec);
    float[] params = net.parameters();
    for (int i = 0; i < params.length; i++) {
      params[i] = (random.nextFloat() * 2 - 1) * 2f;
    }
    Function<String, float[]> weights = Seq2SeqExport.parametersOf(net.layout(), params);
    int steps = 6;
    int in = spec.sourceSize();
    int[] lengths = new int[BATCH];
    for (int b = 0; b < BATCH; b++) {
      lengths[b] = b == 0 ? steps : 1 + random.nextInt(steps);
    }
    // padded steps hold zeros (symbol 0), as in a padded batch
    float[] dense = new float[steps * BATCH * in];
    long[] symbols = new long[steps * BATCH];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < BATCH; b++) {
        if (t < lengths[b]) {
          int symbol = random.nextInt(in);
          symbols[t * BATCH + b] = symbol;
          for (int j = 0; j < in; j++) {
            dense[(t * BATCH + b) * in + j] = spec.sourceOneHot() ? (j == symbol ? 1f : 0f) : random.nextFloat() * 2 - 1;
          }
        }
      }
    }
    int[][] viaOnnx = greedyThroughOnnx(spec, weights, dense, symbols, lengths, steps);
    Translator translator = new Translator(net, steps, MAX_LENGTH, 1);
    for (int b = 0; b < BATCH; b++) {
      float[] source = null;
      int[] sourceSymbols = null;
      if (spec.sourceOneHot()) {
        sourceSymbols = new int[lengths[b]];
        for (int t = 0; t < lengths[b]; t++) {
          sourceSymbols[t] = (int) symbols[t * BATCH + b];
        }
      } else {
        source = new float[lengths[b] * in];
        for (int t = 0; t < lengths[b]; t++) {
          System.arraycopy(dense, (t * BATCH + b) * in, source, t * in, in);
        }
      }
      int[] expected = translator.greedy(source, sourceSymbols, lengths[b], END).symbols();
      assertArrayEquals(expected, viaOnnx[b], spec.name() + " sequence " + b + " (source length " + lengths[b]
          + "): ONNX Runtime " + Arrays.toString(viaOnnx[b]) + " vs Translator " + Arrays.toString(expected));
      System.out.printf(Locale.ROOT, "onnx greedy %s[%d] (source length %d): %s = Translator.greedy%n", spec.name(), b,
          lengths[b], Arrays.toString(viaOnnx[b]));
    }
    return viaOnnx;
  }

  /**
   * The README's loop: the encoder graph once, then the decoder step graph from the start symbol,
   * feeding back each step's most probable symbol and states, until the end symbol or
   * {@link #MAX_LENGTH} symbols.
   */
  private static int[][] greedyThroughOnnx(Seq2SeqSpec spec, Function<String, float[]> weights, float[] dense,
      long[] symbols, int[] lengths, int steps) throws Exception {
    Map<String, float[]> encoded;
    try (OrtRunner encoder = new OrtRunner(Seq2SeqExport.encoderModel(spec, weights))) {
      if (spec.sourceOneHot()) {
        encoder.longs("source", symbols, steps, BATCH);
      } else {
        encoder.floats("source", dense, steps, BATCH, spec.sourceSize());
      }
      encoded = encoder.ints("source_lengths", lengths, BATCH).run();
    }
    Map<String, float[]> state = new HashMap<>();
    for (int k = 0; k < spec.decoder().size(); k++) {
      state.put("h_l" + k, encoded.get("h_l" + k));
      if (spec.decoder().get(k).cell().hasCellState()) {
        state.put("c_l" + k, encoded.get("c_l" + k));
      }
    }
    int o = spec.outputSize();
    int[] previous = new int[BATCH];
    int[][] out = new int[BATCH][];
    int[][] decoded = new int[BATCH][MAX_LENGTH];
    try (OrtRunner decoder = new OrtRunner(Seq2SeqExport.decoderStepModel(spec, weights))) {
      for (int t = 0; t < MAX_LENGTH; t++) {
        decoder.ints("previous", previous, BATCH);
        for (Map.Entry<String, float[]> e : state.entrySet()) {
          decoder.floats(e.getKey(), e.getValue(), 1, BATCH, spec.decoderUnits());
        }
        if (spec.attention() != Attention.NONE) {
          decoder.floats("encoder_output", encoded.get("encoder_output"), steps, BATCH, spec.encoderOutputSize())
              .floats("source_mask", encoded.get("source_mask"), BATCH, steps);
        }
        Map<String, float[]> result = decoder.run();
        float[] logits = result.get("logits");
        for (int b = 0; b < BATCH; b++) {
          int best = 0;
          for (int y = 1; y < o; y++) {
            best = logits[b * o + y] > logits[b * o + best] ? y : best;
          }
          previous[b] = best;
          decoded[b][t] = best;
          if (out[b] == null && (best == END || t == MAX_LENGTH - 1)) {
            out[b] = Arrays.copyOf(decoded[b], t + 1);
          }
        }
        for (String key : state.keySet()) {
          state.put(key, result.get(key.replace("_l", "_n_l")));
        }
      }
    }
    return out;
  }
}
