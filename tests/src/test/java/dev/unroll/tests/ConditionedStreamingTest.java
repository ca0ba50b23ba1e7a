package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ConditionedWordsNet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streaming a CONDITIONED model through {@link TrainedModel#newState(float[])}: the steps give what
 * the whole-sequence forward pass gives for the same feature vector, a reset starts from that
 * vector's state again, and a state made without features is refused with the way to make one.
 */
class ConditionedStreamingTest {
  private static final float[] FIRST = {1f, 0f};
  private static final float[] SECOND = {0.3f, -2f};
  private static final int[] SYMBOLS = {0, 2, 1, 3, 3};

  private final ConditionedWordsNet net = new ConditionedWordsNet();
  private final TrainedModel model = TrainedModel.of(net, Vocabulary.ofCharacters("\nabc"), null,
      ModelCard.of(net.spec(), Map.of(), 0, null, null));

  @Test
  void stepsFromAConditionedStateMatchTheForwardPassWithThatVector() {
    for (float[] z : new float[][] {FIRST, SECOND}) {
      float[][] expected = forwardProbabilities(z);
      StreamState state = model.newState(z);
      for (int t = 0; t < SYMBOLS.length; t++) {
        assertArrayEquals(expected[t], model.step(state, SYMBOLS[t]), 1e-5f, "step " + t);
      }
    }
  }

  @Test
  void theFeatureVectorChangesThePrediction() {
    float[] first = model.step(model.newState(FIRST), SYMBOLS[0]);
    float[] second = model.step(model.newState(SECOND), SYMBOLS[0]);
    double difference = 0;
    for (int i = 0; i < first.length; i++) {
      difference += Math.abs(first[i] - second[i]);
    }
    assertTrue(difference > 1e-3, "outputs under two feature vectors differ by " + difference);
  }

  @Test
  void aResetStartsFromTheSameConditionedState() {
    StreamState state = model.newState(SECOND);
    float[] first = model.step(state, SYMBOLS[0]);
    model.step(state, SYMBOLS[1]);
    model.reset(state);
    assertArrayEquals(first, model.step(state, SYMBOLS[0]), 0f);
  }

  @Test
  void theCallersArrayIsCopied() {
    float[] z = FIRST.clone();
    StreamState state = model.newState(z);
    z[0] = 5f;
    assertArrayEquals(model.step(model.newState(FIRST), SYMBOLS[0]), model.step(state, SYMBOLS[0]), 0f);
  }

  @Test
  void aStateWithoutFeaturesIsRefusedWithTheWayToMakeOne() {
    StreamState state = model.newState();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.step(state, 0));
    assertTrue(e.getMessage().contains("ConditionedWordsNet") && e.getMessage().contains("newState(features)"),
        e.getMessage());
    assertThrows(IllegalStateException.class,
        () -> model.generate("\n", GenerationOptions.maxLength(5).withStopAt("\n")));
  }

  @Test
  void wrongFeatureVectorsAndUnconditionedModelsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> model.newState(new float[] {1f, 0f, 0f}));
    CharLstmNet plain = new CharLstmNet();
    TrainedModel unconditioned = TrainedModel.of(plain, null, null, ModelCard.of(plain.spec(), Map.of(), 0, null, null));
    assertThrows(UnsupportedOperationException.class, () -> unconditioned.newState(FIRST));
  }

  /** Softmax of the head's logits at every step of one sequence run forward with conditions {@code z}. */
  private float[][] forwardProbabilities(float[] z) {
    Workspace ws = net.newWorkspace(SYMBOLS.length, 1);
    Batch batch = Batch.symbols(SYMBOLS.length, 1, SYMBOLS.clone());
    batch.conditions = z.clone();
    net.forward(ws, batch);
    int outputs = net.spec().head().size();
    float[][] probabilities = new float[SYMBOLS.length][outputs];
    for (int t = 0; t < SYMBOLS.length; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < outputs; o++) {
        max = Math.max(max, ws.logits[t * outputs + o]);
      }
      double sum = 0;
      for (int o = 0; o < outputs; o++) {
        sum += Math.exp(ws.logits[t * outputs + o] - max);
      }
      for (int o = 0; o < outputs; o++) {
        probabilities[t][o] = (float) (Math.exp(ws.logits[t * outputs + o] - max) / sum);
      }
    }
    return probabilities;
  }
}
