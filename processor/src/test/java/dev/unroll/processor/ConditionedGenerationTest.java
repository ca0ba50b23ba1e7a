package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A layer-normalised character model whose initial state is conditioned on a feature vector:
 * stepping it after {@code condition} gives the logits of a full forward pass with those features,
 * and {@code TrainedModel.generate(features, ...)} writes sequences that depend on the features.
 */
class ConditionedGenerationTest {
  private static final int SYMBOLS = 5;
  private static final int STEPS = 6;

  private static RecurrentNetwork compile() {
    ModelSource s = new ModelSource();
    s.packageName = "cond";
    s.className = "Names";
    s.steps = STEPS;
    s.inputKind = "ONE_HOT";
    s.inputSize = SYMBOLS;
    s.layer("LSTM", 6, false, true).layer("GRU", 6, false, true);
    s.conditionSize = 2;
    s.headSize = SYMBOLS;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    FiniteDifferenceTest.randomizeParameters(net, new Random(5));
    return net;
  }

  @Test
  void steppingAfterConditionMatchesTheFullForwardPass() {
    RecurrentNetwork net = compile();
    int[] symbols = {1, 4, 0, 2, 3, 1};
    float[] z = {0.7f, -1.2f};
    Batch batch = Batch.symbols(STEPS, 1, symbols);
    batch.conditions = z;
    Workspace ws = net.newWorkspace(STEPS, 1);
    net.forward(ws, batch);

    Workspace state = net.newState();
    net.condition(state, z);
    for (int t = 0; t < STEPS; t++) {
      float[] logits = net.step(state, symbols[t]);
      float[] expected = Arrays.copyOfRange(ws.logits, t * SYMBOLS, (t + 1) * SYMBOLS);
      assertArrayEquals(expected, Arrays.copyOf(logits, SYMBOLS), 1e-5f, "step " + t);
    }
    assertThrows(IllegalArgumentException.class, () -> net.condition(state, new float[3]));
  }

  @Test
  void aStepWithoutFeaturesIsRefusedWithTheReason() {
    RecurrentNetwork net = compile();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.step(net.newState(), 1));
    assertTrue(e.getMessage().contains("batch.conditions must hold [B, 2]"), e.getMessage());
  }

  @Test
  void generationFromFeaturesDependsOnTheFeatures() {
    RecurrentNetwork net = compile();
    Vocabulary vocabulary = Vocabulary.of(List.of("\n", "a", "b", "c", "d"));
    TrainedModel model = TrainedModel.of(net, vocabulary, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    GenerationOptions options = GenerationOptions.maxLength(12).withSamples(8).withSeed(3).withStopAt("\n");
    List<String> first = model.generate(new float[] {3f, -3f}, "\n", options);
    List<String> again = model.generate(new float[] {3f, -3f}, "\n", options);
    List<String> other = model.generate(new float[] {-3f, 3f}, "\n", options);
    assertEquals(8, first.size());
    assertEquals(first, again, "same features and seed, same samples");
    assertNotEquals(first, other, "the features set the initial state, so they change what is generated");
    first.forEach(sample -> assertTrue(sample.chars().allMatch(c -> "abcd".indexOf(c) >= 0), sample));
  }
}
