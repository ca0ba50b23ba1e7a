package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

/**
 * Gemm.nt / nn / tn against EJML on random matrices of awkward sizes, on strided slices of larger
 * flat arrays. Elements of A and B outside their slices are NaN (reading them would poison C), and
 * elements of C outside its slice hold a sentinel that must survive bit for bit.
 */
class GemmTest {
  private static final int[] SIZES = {1, 3, 7, 17, 64, 65};
  private static final float SENTINEL = -7777.25f;

  /** {@code PACKED}: {@link Gemm#xwT} through the packed form of B (an NT product; contiguous B only). */
  private enum Op { NT, NN, TN, PACKED }

  /** A strided slice: element [i][j] is at {@code off + i * ld + j} of an array of {@code len}. */
  private record Slice(int rows, int cols, int off, int ld) {
    int len() {
      return off + (rows - 1) * ld + cols + 3; // some trailing space after the last row as well
    }

    boolean contains(int index) {
      if (index < off) {
        return false;
      }
      int i = (index - off) / ld;
      int j = (index - off) % ld;
      return i < rows && j < cols;
    }
  }

  private static Slice slice(int rows, int cols, boolean strided, SplittableRandom rng) {
    if (!strided) {
      return new Slice(rows, cols, 0, cols);
    }
    return new Slice(rows, cols, 1 + rng.nextInt(9), cols + 1 + rng.nextInt(7));
  }

  /** A flat array holding random values in the slice and {@code outside} everywhere else. */
  private static float[] fill(Slice s, float outside, SplittableRandom rng) {
    float[] a = new float[s.len()];
    Arrays.fill(a, outside);
    for (int i = 0; i < s.rows; i++) {
      for (int j = 0; j < s.cols; j++) {
        a[s.off + i * s.ld + j] = (float) (rng.nextDouble() * 2 - 1);
      }
    }
    return a;
  }

  private static FMatrixRMaj dense(float[] a, Slice s) {
    FMatrixRMaj m = new FMatrixRMaj(s.rows, s.cols);
    for (int i = 0; i < s.rows; i++) {
      for (int j = 0; j < s.cols; j++) {
        m.set(i, j, a[s.off + i * s.ld + j]);
      }
    }
    return m;
  }

  /**
   * Runs one product C[m x n] += op(A) op(B) with inner dimension k, on contiguous or strided
   * slices, and compares with EJML.
   */
  private static void check(Op op, int m, int n, int k, boolean strided, SplittableRandom rng) {
    Slice sa = switch (op) {
      case NT, NN, PACKED -> slice(m, k, strided, rng);
      case TN -> slice(k, m, strided, rng);
    };
    Slice sb = switch (op) {
      case NT -> slice(n, k, strided, rng);
      case PACKED -> slice(n, k, false, rng);
      case NN, TN -> slice(k, n, strided, rng);
    };
    Slice sc = slice(m, n, strided, rng);
    float[] a = fill(sa, Float.NaN, rng);
    float[] b = fill(sb, Float.NaN, rng);
    float[] c = fill(sc, SENTINEL, rng);
    FMatrixRMaj ma = dense(a, sa);
    FMatrixRMaj mb = dense(b, sb);
    FMatrixRMaj mc = dense(c, sc); // C's initial values: the kernels must accumulate onto them
    FMatrixRMaj c0 = mc.copy();

    switch (op) {
      case NT -> {
        Gemm.nt(m, n, k, a, sa.off, sa.ld, b, sb.off, sb.ld, c, sc.off, sc.ld);
        CommonOps_FDRM.multAddTransB(ma, mb, mc);
      }
      case NN -> {
        Gemm.nn(m, n, k, a, sa.off, sa.ld, b, sb.off, sb.ld, c, sc.off, sc.ld);
        CommonOps_FDRM.multAdd(ma, mb, mc);
      }
      case TN -> {
        Gemm.tn(m, n, k, a, sa.off, sa.ld, b, sb.off, sb.ld, c, sc.off, sc.ld);
        CommonOps_FDRM.multAddTransA(ma, mb, mc);
      }
      case PACKED -> {
        float[] packed = Gemm.pack(true, true, n, k, b, sb.off, new float[Gemm.packedSize(n, k)]);
        Gemm.xwT(m, n, k, a, sa.off, sa.ld, b, sb.off, packed, c, sc.off, sc.ld);
        CommonOps_FDRM.multAddTransB(ma, mb, mc);
      }
    }

    String what = op + " m=" + m + " n=" + n + " k=" + k + (strided ? " strided" : "");
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        // Magnitude of the sum: |c0| + sum_p |a_ip b_pj|; float error grows about linearly in k.
        double mag = Math.abs(c0.get(i, j));
        for (int p = 0; p < k; p++) {
          double av = op == Op.TN ? ma.get(p, i) : ma.get(i, p);
          double bv = op == Op.NT || op == Op.PACKED ? mb.get(j, p) : mb.get(p, j);
          mag += Math.abs(av * bv);
        }
        double tol = 2.0 * (k + 2) * Math.ulp(1f) * mag + 1e-30;
        float got = c[sc.off + i * sc.ld + j];
        float want = mc.get(i, j);
        if (!(Math.abs(got - want) <= tol)) {
          fail(what + ": C[" + i + "][" + j + "] = " + got + ", EJML " + want + ", tol " + tol);
        }
      }
    }
    for (int x = 0; x < c.length; x++) {
      if (!sc.contains(x) && Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(SENTINEL)) {
        fail(what + ": wrote " + c[x] + " at index " + x + " outside the C slice " + sc);
      }
    }
  }

  private static void allSizes(Op op, boolean strided) {
    SplittableRandom rng = new SplittableRandom(op.ordinal() * 2 + (strided ? 1 : 0));
    for (int m : SIZES) {
      for (int n : SIZES) {
        for (int k : SIZES) {
          check(op, m, n, k, strided, rng);
        }
      }
    }
  }

  @Test
  void ntMatchesEjmlMultAddTransB() {
    allSizes(Op.NT, false);
  }

  @Test
  void nnMatchesEjmlMultAdd() {
    allSizes(Op.NN, false);
  }

  @Test
  void tnMatchesEjmlMultAddTransA() {
    allSizes(Op.TN, false);
  }

  @Test
  void ntOnStridedSlices() {
    allSizes(Op.NT, true);
  }

  @Test
  void nnOnStridedSlices() {
    allSizes(Op.NN, true);
  }

  @Test
  void tnOnStridedSlices() {
    allSizes(Op.TN, true);
  }

  /**
   * Shapes that cross every block of the blocked and packed products (k-blocks of 128 and 256, row
   * blocks of 240 and 256, column blocks of 512, six- and four-row strips, a partial last panel):
   * the small sizes above fit in one block.
   */
  @Test
  void largeProductsAcrossBlockBoundaries() {
    SplittableRandom rng = new SplittableRandom(99);
    for (Op op : Op.values()) {
      check(op, 263, 577, 300, op != Op.PACKED, rng);
    }
    check(Op.NN, 32, 512, 520, false, rng);
    check(Op.TN, 518, 128, 257, false, rng);
  }

  /**
   * The bidirectional layout: the backward direction's output is columns [H, 2H) of a [rows, 2H]
   * buffer. Project it (x W^T) into the second half of another [rows, 2H] buffer, back-propagate
   * (dY W) into it, and accumulate the weight gradient (dY^T X); the forward half stays intact.
   */
  @Test
  void bidirectionalHalfOfAWiderBuffer() {
    SplittableRandom rng = new SplittableRandom(42);
    int rows = 13;
    int h = 7;
    float[] x = new float[rows * 2 * h];
    float[] y = new float[rows * 2 * h];
    float[] w = new float[h * h];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
      y[i] = (float) rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rng.nextDouble(-1, 1);
    }
    float[] y0 = y.clone();
    Gemm.nt(rows, h, h, x, h, 2 * h, w, 0, h, y, h, 2 * h);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < 2 * h; j++) {
        float want = y0[r * 2 * h + j];
        if (j >= h) {
          double s = want;
          for (int p = 0; p < h; p++) {
            s += (double) x[r * 2 * h + h + p] * w[(j - h) * h + p];
          }
          assertEquals(s, y[r * 2 * h + j], 1e-5, "nt row " + r + " col " + j);
        } else {
          assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(y[r * 2 * h + j]),
              "nt touched the forward half at row " + r + " col " + j);
        }
      }
    }

    float[] dx = new float[rows * 2 * h];
    Arrays.fill(dx, SENTINEL);
    Rows.zero(rows, h, dx, h, 2 * h);
    Gemm.nn(rows, h, h, y, h, 2 * h, w, 0, h, dx, h, 2 * h);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < 2 * h; j++) {
        if (j >= h) {
          double s = 0;
          for (int p = 0; p < h; p++) {
            s += (double) y[r * 2 * h + h + p] * w[p * h + (j - h)];
          }
          assertEquals(s, dx[r * 2 * h + j], 1e-5, "nn row " + r + " col " + j);
        } else {
          assertEquals(SENTINEL, dx[r * 2 * h + j], "nn touched the forward half");
        }
      }
    }

    float[] dw = new float[h * h];
    Arrays.fill(dw, 0.5f);
    Gemm.tn(h, h, rows, y, h, 2 * h, x, h, 2 * h, dw, 0, h);
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        double s = 0.5;
        for (int r = 0; r < rows; r++) {
          s += (double) y[r * 2 * h + h + i] * x[r * 2 * h + h + j];
        }
        assertEquals(s, dw[i * h + j], 1e-5, "tn dW[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void accumulatesOverRepeatedCalls() {
    float[] a = {1, 2, 3, 4}; // [2 x 2]
    float[] b = {5, 6, 7, 8}; // [2 x 2]
    float[] c = new float[4];
    Gemm.nt(2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2);
    Gemm.nt(2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2);
    // A B^T = [[1*5+2*6, 1*7+2*8], [3*5+4*6, 3*7+4*8]] = [[17, 23], [39, 53]], twice.
    assertTrue(Arrays.equals(new float[] {34, 46, 78, 106}, c), Arrays.toString(c));
    float[] d = {1, 1, 1, 1};
    Gemm.nn(2, 2, 2, a, 0, 2, b, 0, 2, d, 0, 2);
    // 1 + A B = 1 + [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]] = [[20, 23], [44, 51]]
    assertTrue(Arrays.equals(new float[] {20, 23, 44, 51}, d), Arrays.toString(d));
    float[] e = {-1, -1, -1, -1};
    Gemm.tn(2, 2, 2, a, 0, 2, b, 0, 2, e, 0, 2);
    // -1 + A^T B = -1 + [[1*5+3*7, 1*6+3*8], [2*5+4*7, 2*6+4*8]] = [[25, 29], [37, 43]]
    assertTrue(Arrays.equals(new float[] {25, 29, 37, 43}, e), Arrays.toString(e));
  }

  @Test
  void zeroSizedDimensionsAreNoOps() {
    float[] a = {1, 2, 3};
    float[] b = {4, 5, 6};
    float[] c = {SENTINEL, SENTINEL};
    Gemm.nt(0, 2, 3, a, 0, 3, b, 0, 3, c, 0, 2);
    Gemm.nn(1, 0, 3, a, 0, 3, b, 0, 1, c, 0, 2);
    Gemm.tn(2, 1, 0, a, 0, 2, b, 0, 1, c, 0, 1);
    assertEquals(SENTINEL, c[0]);
    assertEquals(SENTINEL, c[1]);
    // k = 0: C += nothing
    Gemm.nt(1, 2, 0, a, 0, 0, b, 0, 0, c, 0, 2);
    assertEquals(SENTINEL, c[0]);
    assertEquals(SENTINEL, c[1]);
  }
}
