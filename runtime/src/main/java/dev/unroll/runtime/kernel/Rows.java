package dev.unroll.runtime.kernel;

/** Row-wise helpers on row-major slices of flat arrays: bias broadcast, column sums, scaled rows, gathers. */
public final class Rows {
  private Rows() {}

  /** Sets each of C's {@code m} rows to the vector {@code v[vOff .. vOff+n)}. Modifies C. */
  public static void broadcast(int m, int n, float[] v, int vOff, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      System.arraycopy(v, vOff, c, cOff + i * ldc, n);
    }
  }

  /**
   * {@code s[j] += sum_i A[i][j]} over A's {@code m} rows of {@code n} columns, adding the rows in
   * order. Modifies s. Four rows per pass over s: one load and store of {@code s[j]} per four adds
   * (a bias gradient over all the steps of a batch: thousands of rows), the same additions in the
   * same order as one row per pass, so the same bits.
   */
  public static void addColumnSums(int m, int n, float[] a, int aOff, int lda, float[] s, int sOff) {
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int a0 = aOff + i * lda;
      int a1 = a0 + lda;
      int a2 = a1 + lda;
      int a3 = a2 + lda;
      for (int j = 0; j < n; j++) {
        s[sOff + j] = s[sOff + j] + a[a0 + j] + a[a1 + j] + a[a2 + j] + a[a3 + j];
      }
    }
    for (; i < m; i++) {
      int ai = aOff + i * lda;
      for (int j = 0; j < n; j++) {
        s[sOff + j] += a[ai + j];
      }
    }
  }

  /**
   * {@code y[yOff .. yOff+n) += s * x[xOff .. xOff+n)}, one row of a product that is summed a row at
   * a time. A zero {@code s} adds nothing and does not read x (zero inputs, padded positions), so
   * x's infinities and NaNs do not reach y from it. Modifies y.
   */
  static void addScaled(int n, float s, float[] x, int xOff, float[] y, int yOff) {
    if (s == 0f) {
      return;
    }
    for (int j = 0; j < n; j++) {
      y[yOff + j] += s * x[xOff + j];
    }
  }

  /** Sets {@code m} rows of {@code n} columns of C to zero. Modifies C. */
  public static void zero(int m, int n, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
    }
  }

  /** Copies {@code m} rows of {@code n} columns from A to C. Modifies C. */
  public static void copy(int m, int n, float[] a, int aOff, int lda, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      System.arraycopy(a, aOff + i * lda, c, cOff + i * ldc, n);
    }
  }

  /**
   * One-hot input projection: {@code C[r] += W[:, symbols[r]]} for a PyTorch weight
   * {@code W [n, vocabulary]}, i.e. {@code onehot(symbols) W^T} without the multiplication. Modifies C.
   *
   * @throws IllegalArgumentException for a symbol outside {@code [0, vocabulary)}
   */
  public static void addColumnsOf(
      int m, int n, int vocabulary, int[] symbols, float[] w, int wOff, float[] c, int cOff, int ldc) {
    for (int r = 0; r < m; r++) {
      int s = checkSymbol(symbols[r], vocabulary, r);
      int ci = cOff + r * ldc;
      for (int j = 0; j < n; j++) {
        c[ci + j] += w[wOff + j * vocabulary + s];
      }
    }
  }

  /**
   * Gradient of {@link #addColumnsOf}: {@code dW[:, symbols[r]] += dC[r]} for every row r. Modifies dW.
   */
  public static void addToColumns(
      int m, int n, int vocabulary, int[] symbols, float[] dc, int dcOff, int lddc, float[] dw, int dwOff) {
    for (int r = 0; r < m; r++) {
      int s = symbols[r];
      int di = dcOff + r * lddc;
      for (int j = 0; j < n; j++) {
        dw[dwOff + j * vocabulary + s] += dc[di + j];
      }
    }
  }

  /** Embedding lookup: C's row r = table row {@code symbols[r]} ({@code table [vocabulary, n]}). Modifies C. */
  public static void gatherRows(
      int m, int n, int vocabulary, int[] symbols, float[] table, int tOff, float[] c, int cOff, int ldc) {
    for (int r = 0; r < m; r++) {
      int s = checkSymbol(symbols[r], vocabulary, r);
      System.arraycopy(table, tOff + s * n, c, cOff + r * ldc, n);
    }
  }

  /** Gradient of {@link #gatherRows}: {@code dTable[symbols[r]] += dC[r]}. Modifies dTable. */
  public static void scatterAddRows(
      int m, int n, int[] symbols, float[] dc, int dcOff, int lddc, float[] dTable, int tOff) {
    for (int r = 0; r < m; r++) {
      int di = dcOff + r * lddc;
      int ti = tOff + symbols[r] * n;
      for (int j = 0; j < n; j++) {
        dTable[ti + j] += dc[di + j];
      }
    }
  }

  /**
   * Returns {@code s} if it is a symbol of the vocabulary.
   *
   * @throws IllegalArgumentException naming the symbol and its row otherwise
   */
  static int checkSymbol(int s, int vocabulary, int row) {
    if (s < 0 || s >= vocabulary) {
      throw new IllegalArgumentException(
          "symbol " + s + " at row " + row + " (t*B+b) is outside the vocabulary [0, " + vocabulary + ")");
    }
    return s;
  }
}
