package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  private static final double BASE = 0.1;
  private static final double EPS = 1e-12;

  @Test
  void constant() {
    LearningRateSchedule s = LearningRateSchedule.constant();
    assertEquals(BASE, s.rate(0, BASE), 0.0);
    assertEquals(BASE, s.rate(1_000_000, BASE), 0.0);
  }

  @Test
  void stepDecayBoundaries() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(10, 0.5);
    assertEquals(0.1, s.rate(0, BASE), EPS);
    assertEquals(0.1, s.rate(9, BASE), EPS);
    assertEquals(0.05, s.rate(10, BASE), EPS);
    assertEquals(0.05, s.rate(19, BASE), EPS);
    assertEquals(0.025, s.rate(20, BASE), EPS);
    assertEquals(0.1 * Math.pow(0.5, 10), s.rate(105, BASE), EPS);
  }

  @Test
  void cosineWarmUpEndpoints() {
    // Warm-up over 10 steps: (step + 1) / 10 of base, reaching base at step 9.
    LearningRateSchedule s = LearningRateSchedule.cosine(10, 110, 0.1);
    assertEquals(0.01, s.rate(0, BASE), EPS);
    assertEquals(0.05, s.rate(4, BASE), EPS);
    assertEquals(0.1, s.rate(9, BASE), EPS);
    // The decay starts at base ...
    assertEquals(0.1, s.rate(10, BASE), EPS);
  }

  @Test
  void cosineMidpointAndEnd() {
    LearningRateSchedule s = LearningRateSchedule.cosine(10, 110, 0.1);
    // ... is base (1 + minFactor) / 2 halfway (step 10 + 100 / 2) ...
    assertEquals(BASE * (1 + 0.1) / 2, s.rate(60, BASE), EPS);
    // ... at a quarter: minFactor + (1 - minFactor) (1 + cos(pi / 4)) / 2 ...
    assertEquals(BASE * (0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2), s.rate(35, BASE), EPS);
    // ... and base * minFactor from totalSteps on.
    assertEquals(0.01, s.rate(110, BASE), EPS);
    assertEquals(0.01, s.rate(10_000, BASE), EPS);
  }

  @Test
  void cosineWithoutWarmUp() {
    LearningRateSchedule s = LearningRateSchedule.cosine(0, 100, 0);
    assertEquals(BASE, s.rate(0, BASE), EPS);
    assertEquals(BASE / 2, s.rate(50, BASE), EPS);
    assertEquals(0, s.rate(100, BASE), EPS);
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(10, -0.5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(10, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(-1, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, 10, 1.5));
    assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.constant().rate(-1, BASE));
  }
}
