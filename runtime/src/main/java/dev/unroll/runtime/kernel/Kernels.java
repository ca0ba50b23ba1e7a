package dev.unroll.runtime.kernel;

/**
 * The hot kernels behind one interface, with two implementations: {@link PortableKernels} (plain
 * Java that C2 auto-vectorises, always available) and {@code vector.VectorKernels} (the incubating
 * Vector API, register-blocked, used when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}). {@link #ACTIVE} is chosen once per JVM; the façades {@link Gemm}, {@link
 * LstmCell}, {@link GruCell} and {@link RnnCell} document each operation and call it.
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

  /** See the façade method of the same operation. */
  void lstmForward(int batch, int h, float[] p, int bhh, int peep, float[] proj, int projOff, float[] rec,
      float[] cPrev, int cPrevOff, float[] hPrev, int hPrevOff, int ldPrev, float[] gates, int gOff,
      float[] c, int cOff, float[] hOut, int hOff, int ldh, int[] lengths, int t);

  /** See the façade method of the same operation. */
  void lstmBackward(int batch, int h, float[] p, int peep, float[] gates, int gOff, float[] cPrev,
      int cPrevOff, float[] c, int cOff, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc,
      float[] dGates, int dgOff, float[] grad, int gPeep, int[] lengths, int t);

  /** See the façade method of the same operation. */
  void gruForward(int batch, int h, float[] p, int bhh, float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] gates, int gOff, float[] hn, int hnOff, float[] hOut,
      int hOff, int ldh, int[] lengths, int t);

  /** See the façade method of the same operation. */
  void gruBackward(int batch, int h, float[] gates, int gOff, float[] hn, int hnOff, float[] hPrev,
      int hPrevOff, int ldPrev, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      float[] dGatesHH, int dghOff, int[] lengths, int t);

  /** See the façade method of the same operation. */
  void rnnForward(boolean relu, int batch, int h, float[] p, int bhh, float[] proj, int projOff,
      float[] rec, float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh, int[] lengths,
      int t);

  /** See the façade method of the same operation. */
  void rnnBackward(boolean relu, int batch, int h, float[] hOut, int hOff, int ldh, float[] dOut,
      int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff, int[] lengths, int t);

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
