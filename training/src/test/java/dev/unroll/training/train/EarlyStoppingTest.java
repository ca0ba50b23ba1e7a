package dev.unroll.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Early stopping as a value: which epoch's weights are kept, and when patience runs out. */
class EarlyStoppingTest {
  private static Metrics loss(double loss) {
    return new Metrics(loss, Double.NaN, Double.NaN, Double.NaN, 1);
  }

  @Test
  void keepsACopyOfTheBestEpochsWeightsAndCountsEpochsWithoutImprovement() {
    float[] weights = {1f, 2f};
    EarlyStopping s = EarlyStopping.START.after(1, loss(0.9), weights);
    weights[0] = 5f;
    assertEquals(1, s.bestEpoch());
    assertArrayEquals(new float[] {1f, 2f}, s.bestWeights(), "a copy, not the live weights");

    assertTrue(s.improvedBy(loss(0.5)));
    EarlyStopping better = s.after(2, loss(0.5), weights);
    assertEquals(2, better.bestEpoch());
    assertEquals(0.5, better.bestLoss());
    assertEquals(0, better.badEpochs());

    assertFalse(better.improvedBy(loss(0.5)), "an equal loss is no improvement");
    EarlyStopping worse = better.after(3, loss(0.5), weights).after(4, loss(0.7), weights);
    assertEquals(2, worse.bestEpoch());
    assertEquals(2, worse.badEpochs());
    assertSame(better.bestWeights(), worse.bestWeights());
    assertFalse(worse.exhausted(3));
    assertTrue(worse.exhausted(2));
    assertFalse(worse.exhausted(0), "patience 0 never stops");
  }

  @Test
  void withoutValidationEveryEpochIsTheBestAndNoWeightsAreCopied() {
    EarlyStopping s = EarlyStopping.START.after(1, null, new float[] {1f}).after(2, null, new float[] {2f});
    assertFalse(s.improvedBy(null));
    assertEquals(2, s.bestEpoch());
    assertNull(s.bestWeights());
    assertEquals(0, s.badEpochs());
  }
}
