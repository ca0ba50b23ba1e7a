package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, sigmoid, tanh and a horizontal sum built only from IEEE-exact lane operations (add, mul,
 * fma, div, compare, reinterpretation of bits). The Vector API's own {@code EXP} and {@code TANH}
 * give different bits before and after C2 compiles a method (a scalar fallback versus SVML), and
 * {@code reduceLanes(ADD)} does not promise an order of additions, any of which would break "same
 * seed, same bits"; these give the same bits in every mode, which VectorMathTest checks against a
 * scalar replica.
 */
final class VectorMath {
  private VectorMath() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split so that k * LN2_HI is exact for the k that occur (Cody and Waite). */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** Adding and subtracting 1.5 * 2^23 rounds a float to the nearest integer. */
  private static final float ROUND = 12582912f;
  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
  /** Inputs are clamped so that 2^k stays a normal float. */
  private static final float MIN_X = -87.33f;
  private static final float MAX_X = 88.37f;
  private static final VectorShuffle<Float>[] HALVES = halves();

  /**
   * {@code e^x} to within about 2 ulp: {@code x = k ln2 + r} with {@code |r| <= ln2 / 2}, then
   * {@code 2^k} from the exponent bits times a degree-7 Taylor polynomial of {@code e^r}
   * (truncation error below 6e-9 relative).
   */
  static FloatVector exp(FloatVector x) {
    x = x.max(MIN_X).min(MAX_X);
    // x log2(e) + 1.5 * 2^23 rounds to the nearest integer k and leaves k in the low mantissa bits:
    // reading them back avoids a float-to-int conversion (which C2 does not intrinsify here).
    FloatVector shifted = x.mul(LOG2E).add(ROUND);
    FloatVector k = shifted.sub(ROUND);
    FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
    r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(S, 1f / 5040);
    p = p.fma(r, FloatVector.broadcast(S, 1f / 720));
    p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
    p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
    p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
    p = p.fma(r, FloatVector.broadcast(S, 0.5f));
    p = p.fma(r, ONE);
    p = p.fma(r, ONE);
    IntVector bits = ((IntVector) shifted.reinterpretAsInts()).sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  /** {@code 1 / (1 + e^-x)}. */
  static FloatVector sigmoid(FloatVector x) {
    return ONE.div(exp(x.neg()).add(1f));
  }

  /** {@code sign(x) (1 - e^-2|x|) / (1 + e^-2|x|)}. */
  static FloatVector tanh(FloatVector x) {
    FloatVector e = exp(x.abs().mul(-2f));
    FloatVector t = ONE.sub(e).div(ONE.add(e));
    return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
  }

  /** The sum of the lanes, added pairwise in a fixed order. */
  static float sum(FloatVector v) {
    for (VectorShuffle<Float> half : HALVES) {
      v = v.add(v.rearrange(half));
    }
    return v.lane(0);
  }

  /** Shuffles that bring lane i + w down to lane i, for w = L/2, L/4, ..., 1. */
  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] halves() {
    int levels = Integer.numberOfTrailingZeros(S.length());
    VectorShuffle<Float>[] out = new VectorShuffle[levels];
    for (int l = 0, w = S.length() / 2; w >= 1; l++, w /= 2) {
      int width = w;
      out[l] = VectorShuffle.fromOp(S, i -> (i + width) % S.length());
    }
    return out;
  }
}
