package dev.unroll.maven.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.maven.data.TestData;
import dev.unroll.maven.data.TrainingData;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.training.data.ConditionedLines;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each task's naive predictor, worked out by hand on small data. */
class BaselinesTest {

  /** Windows of {@code window} rows over {@code series}, the target {@code horizon} rows after the last. */
  private static SequenceDataset windows(double[] series, int window, int horizon) {
    List<Example> examples = new ArrayList<>();
    for (int start = 0; start + window - 1 + horizon < series.length; start++) {
      float[] features = new float[window];
      for (int t = 0; t < window; t++) {
        features[t] = (float) series[start + t];
      }
      examples.add(new Example(window, null, features, null,
          new float[] {(float) series[start + window - 1 + horizon]}));
    }
    return new SequenceDataset(examples, 1, 1, false);
  }

  private static Map<String, String> columns(int horizon) {
    return Map.of(ModelCard.INPUT_COLUMNS, "temp", ModelCard.TARGET_COLUMNS, "temp", "horizon",
        Integer.toString(horizon));
  }

  @Test
  void lastValueAndSeasonalNaiveOnAPeriodicSeries() {
    // Period 3: the last value is off by the step to the next phase, the value 3 rows back is exact.
    double[] series = {1, 5, 2, 1, 5, 2, 1, 5, 2, 1, 5, 2};
    List<Baseline> b = Baselines.forecast(windows(series, 4, 1), columns(1));
    assertEquals("last value", b.get(0).name());
    // Targets follow 1->5 (4), 5->2 (3), 2->1 (1) in turn.
    assertEquals((4 + 3 + 1 + 4 + 3 + 1 + 4 + 3) / 8.0, b.get(0).value(), 1e-9);
    assertEquals("seasonal naive (season 3)", b.get(1).name());
    assertEquals(0, b.get(1).value(), 1e-9);
  }

  @Test
  void lastValueOfALongerHorizonIsTheLastRowSeen() {
    double[] series = {0, 1, 2, 3, 4, 5, 6, 7};
    List<Baseline> b = Baselines.forecast(windows(series, 3, 2), columns(2));
    assertEquals(2, b.get(0).value(), 1e-9);
  }

  @Test
  void noForecastBaselineWhenTheTargetIsNotAnInput() {
    Map<String, String> extras = Map.of(ModelCard.INPUT_COLUMNS, "a", ModelCard.TARGET_COLUMNS, "b");
    assertEquals(List.of(), Baselines.forecast(windows(new double[] {1, 2, 3, 4, 5}, 2, 1), extras));
  }

  @Test
  void unigramBitsPerSymbolWithAddOneSmoothing() {
    StreamDataset fit = new StreamDataset(new int[] {0, 0, 0, 1}, null, 0, new int[] {0, 0, 0, 1}, null, 2);
    StreamDataset evaluated = new StreamDataset(new int[] {0, 1}, null, 0, new int[] {0, 1}, null, 2);
    Baseline b = Baselines.unigram(fit, evaluated);
    double expected = -(Math.log(4.0 / 6) + Math.log(2.0 / 6)) / Math.log(2) / 2;
    assertEquals(expected, b.value(), 1e-12);
    assertEquals("bits_per_symbol", b.figure());
  }

  @Test
  void unigramOverTextsCountsEveryStepOfEveryText() {
    SequenceDataset fit = new SequenceDataset(List.of(
        Example.taggedSymbols(new int[] {0, 1, 1}, new int[] {1, 1, 0}),
        Example.taggedSymbols(new int[] {0}, new int[] {1})), 0, 2, true);
    SequenceDataset evaluated = new SequenceDataset(List.of(
        Example.taggedSymbols(new int[] {0}, new int[] {0}), Example.taggedSymbols(new int[] {1}, new int[] {1})),
        0, 2, true);
    // Training targets 1, 1, 0, 1: counts 1 and 3, add-one smoothed over 4 + 2.
    double expected = -(Math.log(2.0 / 6) + Math.log(4.0 / 6)) / Math.log(2) / 2;
    Baseline b = Baselines.unigram(fit, evaluated);
    assertEquals(expected, b.value(), 1e-12);
    assertEquals("unigram", b.name());
    assertEquals("bits_per_symbol", b.figure());
  }

  @Test
  void conditionedTextsAreComparedWithTheUnigramOfTheirCharacters() {
    ConditionedLines lines = new ConditionedLines(List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 0}),
        List.of("ab", "ba", "aab"));
    Vocabulary v = lines.vocabulary();
    SequenceDataset texts = lines.toDataset(v);
    TrainingData training = new TrainingData(null, texts, null, null, v, null, null, Map.of(), Double.NaN, "", 3);
    List<Baseline> baselines = TaskBaselines.onTest(training, new TestData(null, texts, null, ""), Map.of());
    assertEquals(List.of(Baselines.unigram(texts, texts)), baselines);
  }

  @Test
  void majorityTagPerWordFallsBackToTheMajorityTag() {
    SequenceDataset fit = new SequenceDataset(List.of(
        Example.taggedSymbols(new int[] {1, 2, 1}, new int[] {0, 1, 0}),
        Example.taggedSymbols(new int[] {1, 3}, new int[] {2, 0})), 0, 3, true);
    // Word 1: tag 0 twice, tag 2 once -> 0. Word 2 -> 1. Unknown word 4 -> overall majority 0.
    SequenceDataset evaluated = new SequenceDataset(List.of(
        Example.taggedSymbols(new int[] {1, 2, 4, 4}, new int[] {0, 2, 0, 1})), 0, 3, true);
    assertEquals(0.5, Baselines.majorityTagPerWord(fit, evaluated).value(), 1e-12);
  }

  @Test
  void majorityClassOfTheTrainingData() {
    SequenceDataset fit = new SequenceDataset(List.of(Example.labelledSymbols(new int[] {1}, 1),
        Example.labelledSymbols(new int[] {2}, 1), Example.labelledSymbols(new int[] {3}, 0)), 0, 2, false);
    SequenceDataset evaluated = new SequenceDataset(List.of(Example.labelledSymbols(new int[] {1}, 0),
        Example.labelledSymbols(new int[] {1}, 1), Example.labelledSymbols(new int[] {2}, 1),
        Example.labelledSymbols(new int[] {2}, 1)), 0, 2, false);
    assertEquals(0.75, Baselines.majorityClass(fit, evaluated).value(), 1e-12);
  }

  @Test
  void improvementIsRelativeToWhatTheBaselineLeaves() {
    Baseline accuracy = new Baseline("majority class", "accuracy", 0.8);
    assertEquals(0.5, accuracy.improvement(0.9), 1e-12);
    assertEquals("majority class accuracy 0.800 (model 0.900: 50.0% fewer errors)", accuracy.describe(0.9));
    Baseline mae = new Baseline("last value", "mae", 2.0);
    assertEquals("last value mae 2.000 (model 2.500: 25.0% higher)", mae.describe(2.5));
    assertEquals(0.5, mae.improvement(1.0), 1e-12);
  }
}
