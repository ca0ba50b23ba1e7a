package dev.unroll.maven.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.training.train.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdTest {

  @Test
  void eachThresholdNamesItsPomElementFigureAndDirection() {
    List<String> described = List.of(Threshold.values()).stream()
        .map(t -> t.setting() + " " + t.figure() + " " + (t.minimum() ? "min" : "max")).toList();
    assertEquals(List.of("minAccuracy accuracy min", "maxLoss loss max", "maxMae mae max", "maxRmse rmse max",
        "maxBitsPerSymbol bits_per_symbol max", "maxPerplexity perplexity max"), described);
  }

  @Test
  void aThresholdAppliesExactlyWhereTheEvaluationHasItsFigure() {
    Map<String, Double> classification = new Metrics(1.5, 0.6, Double.NaN, Double.NaN, 10).asMap();
    Map<String, Double> regression = new Metrics(0.2, Double.NaN, 0.3, 0.4, 10).asMap();
    for (Threshold t : Threshold.values()) {
      assertEquals(classification.containsKey(t.figure()), t.appliesTo(true), t.name());
      assertEquals(regression.containsKey(t.figure()), t.appliesTo(false), t.name());
    }
  }

  @Test
  void aMinimumPassesAtOrAboveItsBoundAMaximumAtOrBelowAndNaNNever() {
    assertTrue(Threshold.MIN_ACCURACY.passes(0.85, 0.85));
    assertFalse(Threshold.MIN_ACCURACY.passes(0.84, 0.85));
    assertTrue(Threshold.MAX_LOSS.passes(2.0, 2.0));
    assertFalse(Threshold.MAX_LOSS.passes(2.1, 2.0));
    assertFalse(Threshold.MAX_MAE.passes(Double.NaN, 1.0));
  }
}
