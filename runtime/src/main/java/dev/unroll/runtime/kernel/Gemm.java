package dev.unroll.runtime.kernel;

/**
 * Dense matrix products on row-major slices of flat arrays. Every operation <em>accumulates</em>
 * into C ({@code C += ...}); callers initialise C (zeros, or a bias) first. A matrix is given as
 * (array, offset of element [0,0], leading dimension = distance between rows), so a slice of a
 * wider matrix (one direction of a bidirectional layer's output) needs no copy.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * {@code C[m x n] += A[m x k] * B[n x k]^T}: C's row i, column j gains the dot product of A's row
   * i and B's row j. This is {@code x W^T} for a PyTorch weight {@code W [out, in]}. Modifies C.
   */
  public static void nt(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    Kernels.ACTIVE.gemmDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /**
   * {@code C[m x n] += A[m x k] * B[k x n]}: C's row i gains A[i][p] times B's row p, summed over
   * p. This is {@code dY W} for a PyTorch weight {@code W [out, in]}. Modifies C.
   */
  public static void nn(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    Kernels.ACTIVE.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /**
   * {@code C[m x n] += A[k x m]^T * B[k x n]}: C's row i gains A[p][i] times B's row p, summed over
   * p. This is the weight gradient {@code dW += dY^T X}. Modifies C.
   */
  public static void tn(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    Kernels.ACTIVE.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /**
   * Batches of at least this many rows multiply by packed weights ({@link #xwT} with a packed
   * operand); smaller ones take dot products with the weights as they are, unless the workspace
   * keeps packed weights anyway (frozen weights, see {@code Workspace.freezeWeights}).
   */
  public static final int PACK_MIN_ROWS = 4;

  /** Floats needed to pack a PyTorch weight {@code W [rows, cols]} for {@link #xwT}. */
  public static int packedSize(int rows, int cols) {
    return Kernels.ACTIVE.packedSize(rows, cols);
  }

  /**
   * The packed form of {@code W [rows, cols]} (at {@code wOff}) for this pass: {@code null} when the
   * pass does not use packed weights, else {@code out}, refreshed from W first when {@code repack}.
   * The layout is the kernels' own (a transpose, cut into column panels for the Vector API).
   */
  public static float[] pack(boolean use, boolean repack, int rows, int cols, float[] w, int wOff, float[] out) {
    if (!use) {
      return null;
    }
    if (repack) {
      Kernels.ACTIVE.pack(rows, cols, w, wOff, out);
    }
    return out;
  }

  /**
   * {@code C[m x n] += X[m x k] W^T} for a PyTorch weight {@code W [n, k]} at {@code wOff}: through
   * its packed form (from {@link #pack}) when given, else by dot products ({@link #nt}). Modifies C.
   */
  public static void xwT(
      int m, int n, int k,
      float[] x, int xOff, int ldx,
      float[] w, int wOff, float[] packed,
      float[] c, int cOff, int ldc) {
    if (packed != null) {
      Kernels.ACTIVE.gemmPacked(m, n, k, x, xOff, ldx, packed, c, cOff, ldc);
    } else {
      nt(m, n, k, x, xOff, ldx, w, wOff, k, c, cOff, ldc);
    }
  }

  /**
   * One-hot input projection through packed weights: {@code C[r] += W[:, symbols[r]]} for {@code W
   * [n, k]} packed by {@link #pack}, a contiguous row of the packed transpose per symbol. Modifies C.
   *
   * @throws IllegalArgumentException for a symbol outside {@code [0, k)}
   */
  public static void addPackedColumns(int m, int n, int k, int[] symbols, float[] packed, float[] c,
        int cOff, int ldc) {
    for (int r = 0; r < m; r++) {
      Rows.checkSymbol(symbols[r], k, r);
    }
    Kernels.ACTIVE.addPackedColumns(m, n, k, symbols, packed, c, cOff, ldc);
  }
}
