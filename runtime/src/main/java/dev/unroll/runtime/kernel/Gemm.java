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
   * Batches of at least this many rows multiply by a packed transpose of the weights ({@link
   * #xwT} with {@code wT}); smaller ones (one-step streaming) take dot products directly.
   */
  public static final int PACK_MIN_ROWS = 4;

  /**
   * Writes the transpose of {@code W[rows x cols]} (at {@code wOff}) into {@code out[cols x rows]}
   * and returns {@code out}. Modifies out.
   */
  public static float[] transpose(int rows, int cols, float[] w, int wOff, float[] out) {
    for (int r = 0; r < rows; r++) {
      int wr = wOff + r * cols;
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = w[wr + c];
      }
    }
    return out;
  }

  /**
   * {@code C[m x n] += X[m x k] W^T} for a PyTorch weight {@code W [n, k]} at {@code wOff}: through
   * its packed transpose {@code wT [k, n]} (from {@link #transpose}) when given, else by {@link #nt}.
   * Modifies C.
   */
  public static void xwT(
      int m, int n, int k,
      float[] x, int xOff, int ldx,
      float[] w, int wOff, float[] wT,
      float[] c, int cOff, int ldc) {
    if (wT != null) {
      nn(m, n, k, x, xOff, ldx, wT, 0, n, c, cOff, ldc);
    } else {
      nt(m, n, k, x, xOff, ldx, w, wOff, k, c, cOff, ldc);
    }
  }
}
