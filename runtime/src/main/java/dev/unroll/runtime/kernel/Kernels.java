package dev.unroll.runtime.kernel;

/**
 * The hot kernels behind one interface, with two implementations: {@link PortableKernels} (plain
 * Java that C2 auto-vectorises, always available) and {@code vector.VectorKernels} (the incubating
 * Vector API, register-blocked, used when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}). {@link #ACTIVE} is chosen once per JVM; the façades {@link Gemm}, {@link
 * LstmCell}, {@link GruCell} and {@link RnnCell} document each operation and call it (the cell
 * façades once per live row of the batch).
 */
public interface Kernels {

  /** The implementation this JVM uses: see {@link KernelSelection}. */
  Kernels ACTIVE = KernelSelection.select();

  /** {@code "portable"} or {@code "vector"}. */
  String name();

  /**
   * The kernels this JVM runs on, {@code "vector"} or {@code "portable"}.
   *
   * @throws IllegalStateException naming the fix when {@code -Dunroll.kernels} asks for kernels this
   *     JVM cannot run ({@code vector} without {@code --add-modules jdk.incubator.vector})
   */
  static String active() {
    return ACTIVE.name();
  }

  /**
   * Logs once per JVM, at WARNING through {@link System.Logger} {@code dev.unroll.runtime}, when
   * the portable kernels run because the JVM lacks the Vector API module, saying how to add it.
   */
  static void noticeIfPortable() {
    KernelSelection.noticeIfPortable();
  }

  /** See the façade method of the same operation. */
  void gemmDot(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc);

  /** See the façade method of the same operation. */
  void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc);

  /** See the façade method of the same operation. */
  void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc);

  // The cell kernels work on one live row of the batch: the façades (LstmCell, GruCell, RnnCell)
  // loop over the rows and handle those whose sequence has ended, once for both implementations.
  // Offsets are those of the row; the equations are on the façades.

  /** One row of {@link LstmCell#forward}: gates, c and h. */
  void lstmForwardRow(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec, int ph,
      float[] cPrev, int cp, float[] gates, int go, float[] c, int co, float[] hOut, int ho);

  /**
   * One row of {@link LstmCell#backward}, first pass: {@code dh_t}, {@code dâo}, {@code dc_t}
   * (with the {@code p_o} peephole terms, {@code grad[gPeep + 2h..]}); clears the row of dh.
   */
  void lstmOutputGradientsRow(int h, float[] p, int peep, float[] gates, int o0, float[] c, int co, float[] dOut,
      int dOutRow, float[] dh, float[] dc, int r, float[] dGates, int d0, float[] grad, int gPeep);

  /**
   * One row of {@link LstmCell#backward}, second pass, from the complete {@code dc_t}: {@code dâi,
   * dâf, dâg} and {@code dc_{t-1}} (with the {@code p_i, p_f} peephole terms, {@code grad[gPeep..
   * gPeep + 2h)}).
   */
  void lstmGateGradientsRow(int h, float[] p, int peep, float[] gates, int go, float[] cPrev, int cp, float[] dc,
      int r, float[] dGates, int dg, float[] grad, int gPeep);

  /** One row of {@link GruCell#forward}: gates, hn and h. */
  void gruForwardRow(int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph, float[] hPrev, int hp,
      float[] gates, int go, float[] hn, int hno, float[] hOut, int ho);

  /** One row of {@link GruCell#backward}. */
  void gruBackwardRow(int h, float[] gates, int go, float[] hn, int hno, float[] hPrev, int hp, float[] dOut,
      int dOutRow, float[] dh, int r, float[] dGates, int dg, float[] dGatesHH, int dgh);

  /** One row of {@link RnnCell#forward}. */
  void rnnForwardRow(boolean relu, int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph,
      float[] hOut, int ho);

  /** One row of {@link RnnCell#backward}. */
  void rnnBackwardRow(boolean relu, int h, float[] hOut, int ho, float[] dOut, int dOutRow, float[] dh, int r,
      float[] dGates, int dg);

  /** See {@link Gemm#packedSize}. */
  int packedSize(int rows, int cols);

  /** Packs {@code W [rows, cols]} into {@code out} in this implementation's layout; see {@link Gemm#pack}. */
  void pack(int rows, int cols, float[] w, int wOff, float[] out);

  /** {@code C[m x n] += A[m x k] W^T} with W packed by {@link #pack}; see {@link Gemm#xwT}. */
  void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c, int cOff,
      int ldc);

  /** See {@link Gemm#addPackedColumns} (symbols already checked). */
  void addPackedColumns(int m, int n, int k, int[] symbols, float[] packed, float[] c, int cOff, int ldc);
}
