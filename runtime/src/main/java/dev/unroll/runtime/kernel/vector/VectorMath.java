package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, sigmoid and tanh over slices of arrays, and a horizontal sum, built only from IEEE-exact
 * lane operations (add, mul, fma, div, bit operations). The Vector API's own {@code EXP} and {@code
 * TANH} give different bits before and after C2 compiles a method (a scalar fallback versus SVML),
 * and {@code reduceLanes(ADD)} does not promise an order of additions, any of which would break
 * "same seed, same bits"; these give the same bits in every mode, and the scalar tail of a slice
 * gives the same bits as a vector lane would.
 *
 * <p>The functions work on arrays rather than on vectors so that no vector value ever crosses a
 * call that C2 might decline to inline: a vector that does is boxed on the heap, which costs more
 * than the arithmetic and makes a step allocate.
 */
final class VectorMath {
  private VectorMath() {}

  /** The activation an {@link #apply} pass computes. */
  enum Kind { EXP, SIGMOID, TANH }

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split so that k * LN2_HI is exact for the k that occur (Cody and Waite). */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** Adding 1.5 * 2^23 rounds a float to the nearest integer and leaves it in the low mantissa bits. */
  private static final float ROUND = 12582912f;
  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
  /** Inputs are clamped so that 2^k stays a normal float. */
  private static final float MIN_X = -87.33f;
  private static final float MAX_X = 88.37f;
  private static final int SIGN = 0x80000000;
  /** Taylor coefficients of e^r, highest first (degree 7: truncation error below 6e-9 relative). */
  private static final float C7 = 1f / 5040;
  private static final float C6 = 1f / 720;
  private static final float C5 = 1f / 120;
  private static final float C4 = 1f / 24;
  private static final float C3 = 1f / 6;
  private static final float C2 = 0.5f;
  private static final VectorShuffle<Float>[] HALVES = halves();

  /**
   * {@code dst[dOff + i] = f(src[sOff + i])} for {@code i < len}: {@code EXP} to within about 2 ulp
   * ({@code x = k ln2 + r}, {@code 2^k} from the exponent bits times a Taylor polynomial of
   * {@code e^r}), {@code SIGMOID} {@code 1 / (1 + e^-x)}, {@code TANH} {@code sign(x) (1 - e^-2|x|) /
   * (1 + e^-2|x|)}. src and dst may be the same slice. Modifies dst.
   */
  static void apply(Kind kind, float[] src, int sOff, float[] dst, int dOff, int len) {
    if (kind == Kind.TANH) {
      tanh(src, sOff, dst, dOff, len);
      return;
    }
    int i = 0;
    for (; i + L <= len; i += L) {
      FloatVector x = FloatVector.fromArray(S, src, sOff + i);
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector z = kind == Kind.EXP ? x : x.neg();
      // e = exp(z), written out here (not called) so that it always compiles into this loop
      z = z.max(MIN_X).min(MAX_X);
      FloatVector shifted = z.mul(LOG2E).add(ROUND);
      FloatVector k = shifted.sub(ROUND);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), z);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, C7);
      p = p.fma(r, FloatVector.broadcast(S, C6));
      p = p.fma(r, FloatVector.broadcast(S, C5));
      p = p.fma(r, FloatVector.broadcast(S, C4));
      p = p.fma(r, FloatVector.broadcast(S, C3));
      p = p.fma(r, FloatVector.broadcast(S, C2));
      p = p.fma(r, one);
      p = p.fma(r, one);
      IntVector bits = ((IntVector) shifted.reinterpretAsInts()).sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
      FloatVector e = p.mul(bits.reinterpretAsFloats());
      FloatVector y = kind == Kind.EXP ? e : one.div(e.add(one));
      y.intoArray(dst, dOff + i);
    }
    for (; i < len; i++) {
      dst[dOff + i] = scalar(kind, src[sOff + i]);
    }
  }

  /*
   * Why tanh has its own method, repeating the exp steps: C2 stops inlining a method once its graph
   * passes a node budget; the Vector API calls left over are inlined late, lose their constant
   * species, run the Java fallbacks and box every vector (megabytes per training step, in some JVM
   * runs and not others, depending on profiles). One loop for all three functions sat at that
   * budget. Each of these two methods is also too large (bytecode) for C2 to inline into its
   * caller, which keeps them separate compilations. Vectors stay inside each loop iteration: a
   * vector kept across iterations (a constant hoisted out of the loop) defeated the intrinsics too.
   */

  /** {@link #apply} of {@link Kind#TANH}. */
  private static void tanh(float[] src, int sOff, float[] dst, int dOff, int len) {
    int i = 0;
    for (; i + L <= len; i += L) {
      FloatVector x = FloatVector.fromArray(S, src, sOff + i);
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector z = x.abs().mul(-2f);
      z = z.max(MIN_X).min(MAX_X);
      FloatVector shifted = z.mul(LOG2E).add(ROUND);
      FloatVector k = shifted.sub(ROUND);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), z);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, C7);
      p = p.fma(r, FloatVector.broadcast(S, C6));
      p = p.fma(r, FloatVector.broadcast(S, C5));
      p = p.fma(r, FloatVector.broadcast(S, C4));
      p = p.fma(r, FloatVector.broadcast(S, C3));
      p = p.fma(r, FloatVector.broadcast(S, C2));
      p = p.fma(r, one);
      p = p.fma(r, one);
      IntVector bits = ((IntVector) shifted.reinterpretAsInts()).sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
      FloatVector e = p.mul(bits.reinterpretAsFloats());
      // (1 - e) / (1 + e) >= 0 for |x|; the sign of x is copied into it bit by bit
      FloatVector t = one.sub(e).div(e.add(one));
      IntVector sign = ((IntVector) x.reinterpretAsInts()).lanewise(VectorOperators.AND, SIGN);
      ((IntVector) t.reinterpretAsInts()).lanewise(VectorOperators.OR, sign).reinterpretAsFloats()
          .intoArray(dst, dOff + i);
    }
    for (; i < len; i++) {
      dst[dOff + i] = scalar(Kind.TANH, src[sOff + i]);
    }
  }

  /** {@link #apply} on a slice in place. */
  static void apply(Kind kind, float[] a, int off, int len) {
    apply(kind, a, off, a, off, len);
  }

  /** One lane of {@link #apply}: the same operations in the same order, so the same bits. */
  static float scalar(Kind kind, float x) {
    float z = kind == Kind.EXP ? x : kind == Kind.SIGMOID ? -x : Math.abs(x) * -2f;
    z = Math.min(Math.max(z, MIN_X), MAX_X);
    float shifted = z * LOG2E + ROUND;
    float k = shifted - ROUND;
    float r = Math.fma(k, -LN2_HI, z);
    r = Math.fma(k, -LN2_LO, r);
    float p = C7;
    p = Math.fma(p, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    float e = p * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - (ROUND_BITS - 127)) << 23);
    if (kind == Kind.EXP) {
      return e;
    }
    if (kind == Kind.SIGMOID) {
      return 1f / (e + 1f);
    }
    float t = (1f - e) / (e + 1f);
    return Float.intBitsToFloat(Float.floatToRawIntBits(t) | (Float.floatToRawIntBits(x) & SIGN));
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
