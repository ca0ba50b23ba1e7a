package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.GenerationOptions;
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
 * symbol for symbol at a fixed seed (for a conditioned model, its generation from a feature vector):
 * the prime (with the features) goes through the sequence graph, whose final states start the step
 * graph, and each sampled symbol is fed back through the step graph; the
 * symbols are drawn with Unroll's {@link Sampler} from the same random stream.
 */
class StreamingGenerationTest {
  private static final int LENGTH = 50;
  private static final int SYMBOLS = 12;

  @ParameterizedTest(name = "{0} {1} layers, {2}, learned {3}, temperature {4}, top {5}, layer norm {6},"
      + " conditioned on {7}")
  @CsvSource({
      "LSTM, 2, ONE_HOT, false, 1.0, 0, false, 0",
      "LSTM_PEEPHOLE, 1, ONE_HOT, true, 0.7, 0, false, 0",
      "GRU, 2, EMBEDDING, true, 1.0, 5, false, 0",
      "RNN_TANH, 3, ONE_HOT, false, 1.0, 0, false, 0",
      "RNN_RELU, 1, EMBEDDING, false, 0.5, 3, false, 0",
      "LSTM, 1, EMBEDDING, true, 0.05, 0, false, 0",
      "LSTM, 2, ONE_HOT, false, 1.0, 0, true, 0",
      "GRU, 1, EMBEDDING, true, 0.8, 0, true, 0",
      "RNN_TANH, 2, ONE_HOT, false, 1.0, 4, false, 2",
      "LSTM, 2, ONE_HOT, false, 1.0, 0, true, 3"})
  void stepGraphGeneratesWhatUnrollGenerates(String cell, int layers, String kind, boolean learned,
      double temperature, int topK, boolean layerNorm, int condition) throws Exception {
    ModelSource s = new ModelSource();
    s.packageName = "streaming";
    s.className = "Gen" + cell + layers + kind + learned + topK + (layerNorm ? "Ln" : "") + condition;
    s.steps = 8;
    s.inputKind = kind;
    s.inputSize = SYMBOLS;
    s.embeddingSize = kind.equals("EMBEDDING") ? 6 : 0;
    for (int k = 0; k < layers; k++) {
      s.layer(cell, 16, false, layerNorm);
    }
    s.learnedInitialState = learned;
    s.conditionSize = condition;
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

    float[] features = new float[condition];
    for (int i = 0; i < condition; i++) {
      features[i] = (float) r.nextGaussian();
    }
    // A conditioned model's one sample draws from the first stream split off the seed's.
    int[] unroll = condition == 0 ? model.generate(prime, LENGTH, temperature, topK, seed)
        : model.generate(features, prime, GenerationOptions.maxLength(LENGTH).withTemperature(temperature)
            .withTopK(topK).withSeed(seed)).get(0);
    SplittableRandom random = condition == 0 ? new SplittableRandom(seed) : new SplittableRandom(seed).split();
    int[] onnx = generateWithGraphs(net, prime, condition == 0 ? null : features, temperature, topK, random);

    assertArrayEquals(unroll, onnx, "ONNX step graph vs Unroll: " + Arrays.toString(onnx) + " vs " + Arrays.toString(unroll));
    long distinct = Arrays.stream(unroll).distinct().count();
    assertTrue(temperature < 0.1 || distinct > 3, "the generation is not trivially constant: " + Arrays.toString(unroll));
    System.out.println("streaming " + s.className + ": " + LENGTH + " symbols agree: "
        + Arrays.stream(onnx).mapToObj(symbols::get).collect(Collectors.joining()));
  }

  /**
   * The prime (and a conditioned model's features) through the sequence graph, then one step
   * graph run per generated symbol.
   */
  private static int[] generateWithGraphs(RecurrentNetwork net, int[] prime, float[] features, double temperature,
      int topK, SplittableRandom random) throws Exception {
    ModelSpec spec = net.spec();
    Sampler sampler = new Sampler(spec.head().size());
    int layers = spec.layers().size();
    float[][] h = new float[layers][];
    float[][] c = new float[layers][];
    float[] logits;
    try (OrtRunner sequence = new OrtRunner(OnnxExport.sequenceModel(net, ExportMetadata.none(), true))) {
      sequence.ints("input", prime, prime.length, 1).longs("lengths", new long[] {prime.length}, 1);
      if (features != null) {
        sequence.floats("z", features, 1, features.length);
      }
      Map<String, float[]> out = sequence.run();
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
