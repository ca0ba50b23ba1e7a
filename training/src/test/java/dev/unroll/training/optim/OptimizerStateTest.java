package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checkpointing: state() / restore() round trips, their errors, and step()'s argument checks. */
class OptimizerStateTest {
  private static final int N = 37;
  private static final OptimizerSettings S =
      OptimizerSettings.defaults().withMomentum(0.9).withWeightDecay(0.01);

  /** Ten pseudo-random gradients, the same on every call. */
  private static float[][] gradients() {
    SplittableRandom rng = new SplittableRandom(7);
    float[][] g = new float[10][N];
    for (float[] row : g) {
      for (int i = 0; i < N; i++) {
        row[i] = (float) rng.nextDouble(-1, 1);
      }
    }
    return g;
  }

  private static float[] initialParameters() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] p = new float[N];
    for (int i = 0; i < N; i++) {
      p[i] = (float) rng.nextDouble(-2, 2);
    }
    return p;
  }

  private static float lr(int step) {
    return 0.01f * (1 + step % 3); // varies, as a schedule would
  }

  @ParameterizedTest
  @EnumSource(dev.unroll.dsl.Optimizer.class)
  void restoredOptimizerContinuesBitIdentically(dev.unroll.dsl.Optimizer type) {
    float[][] g = gradients();
    Optimizer original = Optimizers.create(type, N, S);
    float[] p = initialParameters();
    for (int t = 0; t < 5; t++) {
      original.step(p, g[t], lr(t));
    }
    Map<String, float[]> saved = original.state();
    long savedSteps = original.steps();
    float[] savedParams = p.clone();
    for (int t = 5; t < 10; t++) {
      original.step(p, g[t], lr(t));
    }

    Optimizer resumed = Optimizers.create(type, N, S);
    resumed.restore(saved, savedSteps);
    assertEquals(5, resumed.steps());
    float[] q = savedParams;
    for (int t = 5; t < 10; t++) {
      resumed.step(q, g[t], lr(t));
    }
    assertEquals(10, resumed.steps());
    assertBitsEqual(p, q, type + " parameters");
    Map<String, float[]> a = original.state();
    Map<String, float[]> b = resumed.state();
    assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
    for (String name : a.keySet()) {
      assertBitsEqual(a.get(name), b.get(name), type + " state " + name);
    }
  }

  @Test
  void stateNames() {
    assertEquals(List.of(), keys(dev.unroll.dsl.Optimizer.SGD, S.withMomentum(0)));
    assertEquals(List.of("velocity"), keys(dev.unroll.dsl.Optimizer.SGD, S));
    assertEquals(List.of("velocity"), keys(dev.unroll.dsl.Optimizer.NESTEROV, S));
    assertEquals(List.of("m", "v"), keys(dev.unroll.dsl.Optimizer.ADAM, S));
    assertEquals(List.of("m", "v"), keys(dev.unroll.dsl.Optimizer.ADAMW, S));
    assertEquals(List.of("v"), keys(dev.unroll.dsl.Optimizer.RMSPROP, S.withMomentum(0)));
    assertEquals(List.of("v", "velocity"), keys(dev.unroll.dsl.Optimizer.RMSPROP, S));
  }

  private static List<String> keys(dev.unroll.dsl.Optimizer type, OptimizerSettings s) {
    return List.copyOf(Optimizers.create(type, N, s).state().keySet());
  }

  @Test
  void stateIsASnapshot() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, 2, S);
    opt.step(Fixtures.start(), Fixtures.G, Fixtures.LR);
    Map<String, float[]> before = opt.state();
    float[] m = before.get("m").clone();
    opt.step(Fixtures.start(), Fixtures.G, Fixtures.LR);
    assertArrayEquals(m, before.get("m"));
  }

  @Test
  void plainSgdRestoresFromNothing() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.SGD, N, S.withMomentum(0));
    opt.restore(Map.of(), 12);
    assertEquals(12, opt.steps());
  }

  @Test
  void wrongSizedArrayIsNamed() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, N, S);
    Map<String, float[]> state = new LinkedHashMap<>(opt.state());
    state.put("v", new float[N + 1]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.restore(state, 5));
    assertTrue(e.getMessage().contains("\"v\""), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(N + 1)), e.getMessage());
  }

  @Test
  void missingArrayIsNamed() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.RMSPROP, N, S);
    Map<String, float[]> state = new HashMap<>(opt.state());
    state.remove("velocity");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.restore(state, 5));
    assertTrue(e.getMessage().contains("\"velocity\""), e.getMessage());
  }

  @Test
  void unknownArrayIsNamed() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.SGD, N, S);
    Map<String, float[]> state = new HashMap<>(opt.state());
    state.put("m", new float[N]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.restore(state, 5));
    assertTrue(e.getMessage().contains("\"m\""), e.getMessage());
  }

  @Test
  void failedRestoreChangesNothing() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, 2, S);
    opt.step(Fixtures.start(), Fixtures.G, Fixtures.LR);
    Map<String, float[]> before = opt.state();
    Map<String, float[]> bad = new LinkedHashMap<>();
    bad.put("m", new float[] {9, 9}); // valid, and listed first
    bad.put("v", new float[3]);
    assertThrows(IllegalArgumentException.class, () -> opt.restore(bad, 7));
    assertEquals(1, opt.steps());
    assertArrayEquals(before.get("m"), opt.state().get("m"));
  }

  @Test
  void negativeStepsAreRejected() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, N, S);
    assertThrows(IllegalArgumentException.class, () -> opt.restore(opt.state(), -1));
  }

  @Test
  void stepChecksItsArguments() {
    Optimizer opt = Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, 2, S);
    assertThrows(IllegalArgumentException.class, () -> opt.step(new float[3], new float[2], 0.1f));
    assertThrows(IllegalArgumentException.class, () -> opt.step(new float[2], new float[3], 0.1f));
    assertThrows(IllegalArgumentException.class, () -> opt.step(new float[2], new float[2], -1f));
    assertThrows(IllegalArgumentException.class,
        () -> opt.step(new float[2], new float[2], Float.NaN));
    assertEquals(0, opt.steps());
  }

  @Test
  void settingsAreValidated() {
    OptimizerSettings d = OptimizerSettings.defaults();
    assertEquals(new OptimizerSettings(0.9, 0.9, 0.999, 1e-8, 0, 0.99), d);
    assertThrows(IllegalArgumentException.class, () -> d.withMomentum(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSettings(0.9, 1, 0.999, 1e-8, 0, 0.99));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSettings(0.9, 0.9, Double.NaN, 1e-8, 0, 0.99));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSettings(0.9, 0.9, 0.999, -1e-8, 0, 0.99));
    assertThrows(IllegalArgumentException.class, () -> d.withWeightDecay(-1));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSettings(0.9, 0.9, 0.999, 1e-8, 0, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Optimizers.create(dev.unroll.dsl.Optimizer.SGD, -1, d));
  }

  private static void assertBitsEqual(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          what + "[" + i + "]");
    }
  }
}
