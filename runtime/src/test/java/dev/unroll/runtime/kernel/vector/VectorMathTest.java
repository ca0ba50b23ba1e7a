package dev.unroll.runtime.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} exists so that its results cannot depend on whether C2 has compiled the
 * caller: it may use only lane operations whose IEEE result is exact (add, mul, fma, div, compare,
 * conversions of integral values), never the Vector API's {@code EXP}/{@code TANH}/{@code
 * reduceLanes}. The proof is bit equality with a scalar replica of the same operation sequence in
 * plain float arithmetic and {@link Math#fma}: scalar Java float arithmetic is strict, so if every
 * lane matches the replica, the vector code used nothing but exact operations. Each comparison is
 * repeated over several rounds, so that the early rounds run the Vector API's Java fallback
 * (interpreter, C1) and the later ones C2's intrinsics; the replica does not change between them.
 *
 * <p>The accuracy checks are separate: bit equality with the replica says nothing about how close
 * the replica is to the true function.
 */
class VectorMathTest {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Enough calls of each function (inputs / L per round) for C2 to compile it within the rounds. */
  private static final int ROUNDS = 6;

  // The constants of VectorMath, copied: the replica must spell out the same operations.
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float ROUND = 12582912f;
  private static final float MIN_X = -87.33f;
  private static final float MAX_X = 88.37f;

  // ------------------------------------------------------------------------------ scalar replicas

  private static float exp(float x) {
    x = Math.min(Math.max(x, MIN_X), MAX_X);
    float k = x * LOG2E + ROUND - ROUND;
    float r = Math.fma(k, -LN2_HI, x);
    r = Math.fma(k, -LN2_LO, r);
    float p = 1f / 5040;
    p = Math.fma(p, r, 1f / 720);
    p = Math.fma(p, r, 1f / 120);
    p = Math.fma(p, r, 1f / 24);
    p = Math.fma(p, r, 1f / 6);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    return p * Float.intBitsToFloat(((int) k + 127) << 23);
  }

  private static float sigmoid(float x) {
    return 1f / (exp(-x) + 1f);
  }

  private static float tanh(float x) {
    float e = exp(Math.abs(x) * -2f);
    float t = (1f - e) / (1f + e);
    // the sign of x, bit for bit (so tanh(-0) is -0)
    return Float.intBitsToFloat(Float.floatToRawIntBits(t) | (Float.floatToRawIntBits(x) & 0x80000000));
  }

  /** Lane i gains lane (i + w) mod L, for w = L/2, L/4, ..., 1; the result is lane 0. */
  private static float sum(float[] lanes) {
    float[] v = lanes.clone();
    for (int w = L / 2; w >= 1; w /= 2) {
      float[] next = new float[L];
      for (int i = 0; i < L; i++) {
        next[i] = v[i] + v[(i + w) % L];
      }
      v = next;
    }
    return v[0];
  }

  // ------------------------------------------------------------------------------ inputs

  /**
   * About 200k inputs: a uniform grid over [-100, 100], random values there, random magnitudes
   * from 1e-12 to 100 of both signs (where tanh and sigmoid are near their linear parts), and the
   * edges: zeros, tiny and subnormal values, the clamps of exp and the points just beyond them.
   * Padded with zeros to whole vectors.
   */
  private static float[] inputs() {
    float[] special = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f,
        1e-8f, -1e-8f, 1e-4f, -1e-4f, 0.5f, -0.5f, 1f, -1f, 0.34657359f, -0.34657359f,
        87f, -87f, 87.33f, -87.33f, 87.34f, -87.34f, 88f, -88f, 88.37f, -88.37f, 88.38f, -88.38f,
        89f, -89f, 100f, -100f, 1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE
    };
    int grid = 100_001;
    int uniform = 50_000;
    int logUniform = 50_000;
    int n = special.length + grid + uniform + logUniform;
    float[] x = new float[(n + L - 1) / L * L];
    int at = 0;
    for (float s : special) {
      x[at++] = s;
    }
    for (int i = 0; i < grid; i++) {
      x[at++] = (float) (-100.0 + 200.0 * i / (grid - 1));
    }
    SplittableRandom rng = new SplittableRandom(20240611);
    for (int i = 0; i < uniform; i++) {
      x[at++] = (float) rng.nextDouble(-100, 100);
    }
    for (int i = 0; i < logUniform; i++) {
      float m = (float) Math.pow(10, rng.nextDouble(-12, 2));
      x[at++] = rng.nextBoolean() ? m : -m;
    }
    return x;
  }

  /**
   * VectorMath.apply over the inputs, in two slices: a length that is not a multiple of the vector
   * length, so that the scalar tail is checked too, and the rest.
   */
  private static float[] apply(VectorMath.Kind kind, float[] x) {
    float[] y = new float[x.length];
    int first = x.length / 2 + 3;
    VectorMath.apply(kind, x, 0, y, 0, first);
    VectorMath.apply(kind, x, first, y, first, x.length - first);
    return y;
  }

  // ------------------------------------------------------------------------------ same bits

  private static void assertSameBitsAsReplica(String name, VectorMath.Kind vector, UnaryOperator<Float> scalar) {
    float[] x = inputs();
    float[] want = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = scalar.apply(x[i]);
    }
    for (int round = 0; round < ROUNDS; round++) {
      float[] got = apply(vector, x);
      for (int i = 0; i < x.length; i++) {
        if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
          fail(String.format("VectorMath.%s(%s) = %s (0x%08x), the scalar replica gives %s (0x%08x), in round %d",
              name, x[i], got[i], Float.floatToRawIntBits(got[i]), want[i], Float.floatToRawIntBits(want[i]), round));
        }
      }
    }
  }

  @Test
  void expGivesTheBitsOfItsScalarReplica() {
    assertSameBitsAsReplica("exp", VectorMath.Kind.EXP, VectorMathTest::exp);
  }

  @Test
  void sigmoidGivesTheBitsOfItsScalarReplica() {
    assertSameBitsAsReplica("sigmoid", VectorMath.Kind.SIGMOID, VectorMathTest::sigmoid);
  }

  @Test
  void tanhGivesTheBitsOfItsScalarReplica() {
    assertSameBitsAsReplica("tanh", VectorMath.Kind.TANH, VectorMathTest::tanh);
  }

  /**
   * Lanes of mixed magnitudes and signs, so that almost every order of addition rounds
   * differently: agreement with the replica pins the order, not just the value.
   */
  @Test
  void sumAddsInTheDocumentedPairwiseOrder() {
    SplittableRandom rng = new SplittableRandom(7);
    int vectors = 50_000;
    float[][] lanes = new float[vectors][];
    float[] want = new float[vectors];
    for (int v = 0; v < vectors; v++) {
      float[] a = new float[L];
      for (int i = 0; i < L; i++) {
        a[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 8)));
      }
      lanes[v] = a;
      want[v] = sum(a);
    }
    int orderMatters = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int v = 0; v < vectors; v++) {
        float got = VectorMath.sum(FloatVector.fromArray(S, lanes[v], 0));
        if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(want[v])) {
          fail("VectorMath.sum" + Arrays.toString(lanes[v]) + " = " + got + ", pairwise order gives " + want[v]
              + ", in round " + round);
        }
        if (round == 0 && got != sequential(lanes[v])) {
          orderMatters++;
        }
      }
    }
    if (L > 2) {
      // Otherwise the inputs would not tell the pairwise order from a left-to-right sum.
      assertTrue(orderMatters > vectors / 10, "only " + orderMatters + " sums depend on the order");
    }
  }

  private static float sequential(float[] a) {
    float s = 0f;
    for (float x : a) {
      s += x;
    }
    return s;
  }

  // ------------------------------------------------------------------------------ accuracy

  /** Within 3 ulp of the correctly rounded result wherever e^x is a normal float. */
  @Test
  void expIsWithinThreeUlpOfMathExp() {
    float[] x = grid(-87f, 88f, 400_001);
    float[] y = apply(VectorMath.Kind.EXP, x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double exact = Math.exp(x[i]);
      double ulps = Math.abs(y[i] - exact) / Math.ulp((float) exact);
      worst = Math.max(worst, ulps);
      if (!(ulps <= 3)) {
        fail("VectorMath.exp(" + x[i] + ") = " + y[i] + ", Math.exp gives " + exact + ": " + ulps + " ulp");
      }
    }
    System.out.printf("VectorMath.exp: worst error %.2f ulp over [-87, 88]%n", worst);
  }

  @Test
  void sigmoidAndTanhAreWithin2e7OfTheDoubleResults() {
    float[] x = inputs();
    float[] s = apply(VectorMath.Kind.SIGMOID, x);
    float[] t = apply(VectorMath.Kind.TANH, x);
    double worstS = 0;
    double worstT = 0;
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) > 1e4f) {
        continue; // only the clamping is tested there, by the bit checks
      }
      double es = 1 / (1 + Math.exp(-(double) x[i]));
      double et = Math.tanh(x[i]);
      worstS = Math.max(worstS, Math.abs(s[i] - es));
      worstT = Math.max(worstT, Math.abs(t[i] - et));
      assertEquals(es, s[i], 2e-7, "sigmoid(" + x[i] + ")");
      assertEquals(et, t[i], 2e-7, "tanh(" + x[i] + ")");
    }
    System.out.printf("VectorMath: worst absolute error sigmoid %.3g, tanh %.3g%n", worstS, worstT);
  }

  @Test
  void sumIsCloseToTheExactSum() {
    SplittableRandom rng = new SplittableRandom(8);
    for (int v = 0; v < 10_000; v++) {
      float[] a = new float[L];
      double exact = 0;
      double magnitude = 0;
      for (int i = 0; i < L; i++) {
        a[i] = (float) rng.nextDouble(-1, 1);
        exact += a[i];
        magnitude += Math.abs(a[i]);
      }
      float got = VectorMath.sum(FloatVector.fromArray(S, a, 0));
      // Pairwise: log2(L) roundings deep.
      assertEquals(exact, got, magnitude * 0x1p-24 * Integer.numberOfTrailingZeros(L) + 1e-30, Arrays.toString(a));
    }
  }

  private static float[] grid(float lo, float hi, int n) {
    float[] x = new float[(n + L - 1) / L * L];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (lo + (double) (hi - lo) * Math.min(i, n - 1) / (n - 1));
    }
    return x;
  }
}
