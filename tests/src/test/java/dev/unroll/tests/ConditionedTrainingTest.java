package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.tests.models.ConditionedWordsNet;
import dev.unroll.training.data.ConditionedLines;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A conditioned, layer-normalised model trained end to end on two data-parallel threads: words of
 * mostly {@code a} under the features (1, 0) and mostly {@code b} under (0, 1). Only the initial
 * state carries the condition, so generating the right letter proves it flows through training
 * (feature vectors batched, sliced and back-propagated into init.weight) and generation.
 */
class ConditionedTrainingTest {

  @Test
  void theFeatureVectorDecidesWhatIsGenerated() {
    Random r = new Random(3);
    List<float[]> features = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean a = i % 2 == 0;
      StringBuilder word = new StringBuilder();
      for (int n = 2 + r.nextInt(4); n > 0; n--) {
        word.append(r.nextDouble() < 0.1 ? 'c' : a ? 'a' : 'b');
      }
      features.add(a ? new float[] {1f, 0f} : new float[] {0f, 1f});
      texts.add(word.toString());
    }
    ConditionedLines lines = new ConditionedLines(features, texts);
    SequenceDataset data = lines.toDataset(lines.vocabulary());

    ConditionedWordsNet net = new ConditionedWordsNet();
    TrainingResult result = new Trainer(net, TrainingConfig.of(net.spec()).withThreads(2)).fit(data, null);
    TrainedModel model = TrainedModel.of(net, lines.vocabulary(), null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    GenerationOptions options = GenerationOptions.maxLength(8).withStopAt("\n").withSamples(30).withSeed(1);
    double a = share(model.generate(new float[] {1f, 0f}, "\n", options), 'a');
    double b = share(model.generate(new float[] {0f, 1f}, "\n", options), 'b');
    System.out.printf("conditioned words: training loss %.3f; share of a under (1, 0) %.2f, of b under (0, 1) %.2f%n",
        result.history().get(result.history().size() - 1).trainLoss(), a, b);
    assertTrue(a > 0.7, "under (1, 0) the words are mostly a: " + a);
    assertTrue(b > 0.7, "under (0, 1) the words are mostly b: " + b);
  }

  private static double share(List<String> samples, char letter) {
    long all = samples.stream().mapToLong(String::length).sum();
    long hits = samples.stream().mapToLong(s -> s.chars().filter(c -> c == letter).count()).sum();
    return all == 0 ? 0 : (double) hits / all;
  }
}
