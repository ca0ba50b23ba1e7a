package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One LSTM step of one sequence (streaming generation), fused: for a block of {@link #L} units
 * the four gate rows of {@code [W_ih | W_hh]} are laid out so that one pass over the inputs
 * {@code [x ; h]} leaves the pre-activations of i, f, g and o for those units in registers; the gate
 * functions, {@code c} and {@code h} follow at once, so nothing but the weights streams through
 * the cache. Blocks are independent: a step can be spread over threads by block ranges. The
 * head's one-row product ({@link #head}) closes the step.
 *
 * <p>Packed layout of a layer with {@code kx} inputs and {@code H} units (H a multiple of L):
 * block {@code b} holds, for each input position {@code p < kx + H}, the four gates' rows of units
 * {@code bL .. bL+L-1} at column p: {@code w[b (kx + H) 4L + p 4L + g L + q]}.
 */
public final class VectorLstmStream {
  private VectorLstmStream() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Units per block: one vector. */
  public static final int L = S.length();
  /** Rows of the head's packed panels: four groups of L, four FMA chains. */
  private static final int HEAD_PANEL = 4 * L;

  /**
   * Packs {@code W_ih [4H, in]} (at {@code ih}; its first {@code kx} columns, 0 for a layer whose
   * input is looked up instead) and {@code W_hh [4H, H]} (at {@code hh}) of {@code p} into {@code
   * out} from {@code off}.
   */
  public static void pack(int h, int in, int kx, float[] p, int ih, int hh, float[] out, int off) {
    if (h % L != 0 || kx % L != 0) {
      // the gate loop takes the inputs in pairs and the blocks whole units of L
      throw new IllegalArgumentException("units " + h + " and inputs " + kx + " must be multiples of " + L);
    }
    int k = kx + h;
    for (int b = 0; b < h / L; b++) {
      for (int col = 0; col < k; col++) {
        int dst = off + b * k * 4 * L + col * 4 * L;
        for (int g = 0; g < 4; g++) {
          for (int q = 0; q < L; q++) {
            int row = g * h + b * L + q;
            out[dst + g * L + q] = col < kx ? p[ih + row * in + col] : p[hh + row * h + col - kx];
          }
        }
      }
    }
  }

  /**
   * Gate biases (or a looked-up input column plus biases) in block layout: {@code out[off + b 4L +
   * g L + q] = v[g H + b L + q]} for the {@code 4H} values {@code v}.
   */
  public static void packBase(int h, float[] v, float[] out, int off) {
    for (int b = 0; b < h / L; b++) {
      for (int g = 0; g < 4; g++) {
        System.arraycopy(v, g * h + b * L, out, off + b * 4 * L + g * L, L);
      }
    }
  }

  /** Floats of {@link #packHead}'s layout of an {@code [n, k]} head weight. */
  public static int headSize(int n, int k) {
    return n * k;
  }

  /**
   * Packs the head weight {@code W [n, k]} (at {@code off} of {@code w}) for {@link #head}: the
   * whole groups of L rows in panels of up to four groups, each panel holding, for every input p,
   * its rows' weights at p side by side; then the rows after the last whole group, row by row.
   */
  public static void packHead(int n, int k, float[] w, int off, float[] out) {
    int whole = n - n % L;
    for (int j0 = 0; j0 < whole; j0 += HEAD_PANEL) {
      int width = Math.min(HEAD_PANEL, whole - j0);
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < width; j++) {
          out[j0 * k + p * width + j] = w[off + (j0 + j) * k + p];
        }
      }
    }
    System.arraycopy(w, off + whole * k, out, whole * k, (n - whole) * k);
  }

  /**
   * The head's logits {@code out[j] = bias[j] + sum_p W[j][p] x[xOff + p]} for the {@code n} rows
   * of {@code W} packed by {@link #packHead}: the grouped rows by one FMA per input starting from
   * the bias, the rest as a float sum added to it. For up to 256 inputs (one k-block) and fewer
   * than L rows after the last whole panel of four groups (I1's 65 = 64 + 1), that is the order of
   * the packed product ({@code Gemm.xwT}) the generated network uses, so the logits are its bits;
   * but this reads each weight once, where that product pads the rows after its last whole panel
   * to one (64 KB for the 65th row of a 256-unit layer) and reads them a cache line per input.
   */
  public static void head(int n, int k, float[] w, float[] bias, float[] x, int xOff, float[] out) {
    int whole = n - n % L;
    System.arraycopy(bias, 0, out, 0, whole);
    int j0 = 0;
    for (; j0 + HEAD_PANEL <= whole; j0 += HEAD_PANEL) {
      MicroKernels.row1x4(k, x, xOff, 1, w, j0 * k, HEAD_PANEL, out, j0);
    }
    // the last, narrower panel (fewer than four groups), one group at a time
    int panel = j0;
    int width = whole - panel;
    for (; j0 < whole; j0 += L) {
      MicroKernels.row1x1(k, x, xOff, 1, w, panel * k + j0 - panel, width, out, j0);
    }
    for (int j = whole; j < n; j++) {
      float s = 0f;
      int wj = j * k;
      for (int p = 0; p < k; p++) {
        s += x[xOff + p] * w[wj + p];
      }
      out[j] = bias[j] + s;
    }
  }

  /**
   * Units of blocks {@code [first, end)}: {@code gates = base + W in} (W packed at {@code w0}) over the {@code k} inputs
   * {@code in[inOff ..]} (the layer's x then its previous h), then {@code c = f c + i g} in place
   * and {@code h = o tanh(c)}, stored at {@code hOut[hOff + u]} and {@code hOut2[hOff2 + u]}.
   * {@code scratch} holds 4L floats. Modifies c, the h outputs and scratch.
   */
  public static void blocks(int first, int end, int k, float[] w, int w0, float[] base, int baseOff, float[] in, int inOff,
      float[] c, float[] hOut, int hOff, float[] hOut2, int hOff2, float[] scratch) {
    for (int b = first; b < end; b++) {
      gates(w, w0 + b * k * 4 * L, k, base, baseOff + b * 4 * L, in, inOff, scratch);
      cell(scratch, c, b * L);
      System.arraycopy(scratch, 0, hOut, hOff + b * L, L);
      System.arraycopy(scratch, 0, hOut2, hOff2 + b * L, L);
    }
  }

  /**
   * {@code scratch[g L + q] = base[..] + sum_p w[..] in_p}: two sets of four accumulators (even
   * and odd p) so that eight FMA chains hide the FMA latency. {@code k} is even ({@link #pack}).
   */
  private static void gates(float[] w, int w0, int k, float[] base, int b0, float[] in, int inOff, float[] scratch) {
    FloatVector i0 = FloatVector.fromArray(S, base, b0);
    FloatVector f0 = FloatVector.fromArray(S, base, b0 + L);
    FloatVector g0 = FloatVector.fromArray(S, base, b0 + 2 * L);
    FloatVector o0 = FloatVector.fromArray(S, base, b0 + 3 * L);
    FloatVector i1 = FloatVector.zero(S);
    FloatVector f1 = FloatVector.zero(S);
    FloatVector g1 = FloatVector.zero(S);
    FloatVector o1 = FloatVector.zero(S);
    for (int p = 0; p < k; p += 2) {
      int wp = w0 + p * 4 * L;
      FloatVector v = FloatVector.broadcast(S, in[inOff + p]);
      i0 = FloatVector.fromArray(S, w, wp).fma(v, i0);
      f0 = FloatVector.fromArray(S, w, wp + L).fma(v, f0);
      g0 = FloatVector.fromArray(S, w, wp + 2 * L).fma(v, g0);
      o0 = FloatVector.fromArray(S, w, wp + 3 * L).fma(v, o0);
      v = FloatVector.broadcast(S, in[inOff + p + 1]);
      i1 = FloatVector.fromArray(S, w, wp + 4 * L).fma(v, i1);
      f1 = FloatVector.fromArray(S, w, wp + 5 * L).fma(v, f1);
      g1 = FloatVector.fromArray(S, w, wp + 6 * L).fma(v, g1);
      o1 = FloatVector.fromArray(S, w, wp + 7 * L).fma(v, o1);
    }
    i0.add(i1).intoArray(scratch, 0);
    f0.add(f1).intoArray(scratch, L);
    g0.add(g1).intoArray(scratch, 2 * L);
    o0.add(o1).intoArray(scratch, 3 * L);
  }

  /**
   * From the pre-activations in scratch: {@code c = f c + i g} (units u0 ..) and {@code h = o
   * tanh(c)}, left in {@code scratch[0, L)}.
   */
  private static void cell(float[] scratch, float[] c, int u0) {
    VectorMath.apply(VectorMath.Kind.SIGMOID, scratch, 0, scratch, 0, 2 * L);
    VectorMath.apply(VectorMath.Kind.TANH, scratch, 2 * L, scratch, 2 * L, L);
    VectorMath.apply(VectorMath.Kind.SIGMOID, scratch, 3 * L, scratch, 3 * L, L);
    FloatVector i = FloatVector.fromArray(S, scratch, 0);
    FloatVector f = FloatVector.fromArray(S, scratch, L);
    FloatVector g = FloatVector.fromArray(S, scratch, 2 * L);
    FloatVector cn = f.mul(FloatVector.fromArray(S, c, u0)).add(i.mul(g));
    cn.intoArray(c, u0);
    cn.intoArray(scratch, 2 * L);
    VectorMath.apply(VectorMath.Kind.TANH, scratch, 2 * L, scratch, 2 * L, L);
    FloatVector.fromArray(S, scratch, 3 * L).mul(FloatVector.fromArray(S, scratch, 2 * L)).intoArray(scratch, 0);
  }
}
