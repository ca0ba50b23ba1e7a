package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streaming generation with the exported graphs reproduces Unroll's {@link TrainedModel#generate}
 * symbol for symbol at a fixed seed: the prime goes through the sequence graph, whose final
 * states start the step graph, and each sampled symbol is fed back through the step graph; the
 * symbols are drawn with Unroll's {@link Sampler} from the same random stream.
 */
class StreamingGenerationTest {
  private static final int LENGTH = 50;
  private static final int SYMBOLS = 12;

  @ParameterizedTest(name = "{0} {1} layers, {2}, temperature {3}, top {4}")
  @CsvSource({
      "LSTM, 2, ONE_HOT, false, 1.0, 0",
      "LSTM_PEEPHOLE, 1, ONE_HOT, true, 0.7, 0",
      "GRU, 2, EMBEDDING, true, 1.0, 5",
      "RNN_TANH, 3, ONE_HOT, false, 1.0, 0",
      "RNN_RELU, 1, EMBEDDING, false, 0.5, 3",
      "LSTM, 1, EMBEDDING, true, 0.05, 0"})
  void stepGraphGeneratesWhatUnrollGenerates(String cell, int layers, String kind, boolean learned,
      double temperature, int topK) throws Exception {
    ModelSource s = new ModelSource();
    s.packageName = "streaming";
    s.className = "Gen" + cell + layers + kind + learned + topK;
    s.steps = 8;
    s.inputKind = kind;
    s.inputSize = SYMBOLS;
    s.embeddingSize = kind.equals("EMBEDDING") ? 6 : 0;
    for (int k = 0; k < layers; k++) {
      s.layer(cell, 16, false);
    }
    s.learnedInitialState = learned;
    s.headSize = SYMBOLS;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    // Large enough weights that the distributions are far from uniform and depend on the history
    // (smaller for ReLU, whose unbounded states would otherwise make every draw the arg-max).
    Random r = new Random(layers * 31L + cell.hashCode());
    float scale = cell.equals("RNN_RELU") ? 0.5f : 1.2f;
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = (r.nextFloat() * 2 - 1) * scale;
    }
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      symbols.add(String.valueOf((char) ('a' + i)));
    }
    TrainedModel model = TrainedModel.of(net, Vocabulary.of(symbols), null,
        ModelCard.of(net.spec(), null, 0, null, null));
    int[] prime = {3, 1, 4, 1, 5};
    long seed = 20261201L;

    int[] unroll = model.generate(prime, LENGTH, temperature, topK, seed);
    int[] onnx = generateWithGraphs(net, prime, temperature, topK, seed);

    assertArrayEquals(unroll, onnx, "ONNX step graph vs Unroll: " + Arrays.toString(onnx) + " vs " + Arrays.toString(unroll));
    long distinct = Arrays.stream(unroll).distinct().count();
    assertTrue(temperature < 0.1 || distinct > 3, "the generation is not trivially constant: " + Arrays.toString(unroll));
    System.out.println("streaming " + s.className + ": " + LENGTH + " symbols agree: "
        + Arrays.stream(onnx).mapToObj(symbols::get).collect(Collectors.joining()));
  }

  /** The prime through the sequence graph, then one step graph run per generated symbol. */
  private static int[] generateWithGraphs(RecurrentNetwork net, int[] prime, double temperature, int topK, long seed)
      throws Exception {
    ModelSpec spec = net.spec();
    SplittableRandom random = new SplittableRandom(seed);
    Sampler sampler = new Sampler(spec.head().size());
    int layers = spec.layers().size();
    float[][] h = new float[layers][];
    float[][] c = new float[layers][];
    float[] logits;
    try (OrtRunner sequence = new OrtRunner(OnnxExport.sequenceModel(net, ExportMetadata.none(), true))) {
      Map<String, float[]> out = sequence.ints("input", prime, prime.length, 1).longs("lengths", new long[] {prime.length}, 1)
          .run();
      for (int k = 0; k < layers; k++) {
        h[k] = out.get("h_n_l" + k);
        c[k] = out.get("c_n_l" + k);
      }
      int o = spec.head().size();
      logits = Arrays.copyOfRange(out.get("logits"), (prime.length - 1) * o, prime.length * o);
    }
    int[] generated = new int[LENGTH];
    try (OrtRunner step = new OrtRunner(OnnxExport.stepModel(net, ExportMetadata.none()))) {
      for (int i = 0; i < LENGTH; i++) {
        int next = sampler.sample(logits, 0, temperature, topK, random);
        generated[i] = next;
        step.ints("input", new int[] {next}, 1);
        for (int k = 0; k < layers; k++) {
          LayerSpec layer = spec.layers().get(k);
          step.floats("h_l" + k, h[k], 1, 1, layer.units());
          if (layer.cell().hasCellState()) {
            step.floats("c_l" + k, c[k], 1, 1, layer.units());
          }
        }
        Map<String, float[]> out = step.run();
        for (int k = 0; k < layers; k++) {
          h[k] = out.get("h_n_l" + k);
          c[k] = out.get("c_n_l" + k);
        }
        logits = out.get("logits");
      }
    }
    return generated;
  }
}
