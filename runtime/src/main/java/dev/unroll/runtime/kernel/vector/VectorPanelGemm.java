package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C += A B} for a row-major B given as it is and an A read through (row stride, column
 * stride), so {@code A B} or {@code A^T B}: the backward products {@code dX = dY W} and {@code dW +=
 * dY^T X}. Each call copies blocks of B into panels of {@link #P} columns and blocks of A into
 * strips of {@link #MR} rows, in buffers of its thread that are reused across calls (allocated
 * once per thread), and runs the 6 x 4 micro-kernel {@link MicroKernels#rows6x4} over them (6 x 2
 * on machines whose vectors are narrower than 512 bits, see {@link #WIDE}).
 *
 * <p>Why copy: read as it is, a row of B is a few cache lines {@code ldb} floats apart, and with
 * {@code ldb} a multiple of 512 floats those lines fall into a handful of L1 sets, so the block
 * being reused was read again from L2 for every strip of rows (JFR: the unpacked kernel took half
 * of T2's samples); A read with a column stride ({@code A^T}) touches a cache line per element.
 * After the copy, the micro-kernel streams both operands sequentially.
 *
 * <p>Same bits as {@link VectorGemm#gemm}: every element of C is one chain of fused multiply-adds
 * along k, started from C, whatever the blocking and the kernel; the columns past the last whole
 * panel go through {@link VectorGemm#gemm} itself (its last columns sum per k-block, see
 * {@link VectorEdgeGemm}).
 */
final class VectorPanelGemm {
  private VectorPanelGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Columns per panel: the micro-kernel's width, four vectors. */
  static final int P = 4 * L;
  /** Rows per strip of A: the micro-kernel's height. */
  static final int MR = 6;
  /**
   * k-block: rows of B per panel; KC x P floats = 32 KiB with 16 floats per vector, inside a 48 KiB
   * L1 (64, 96, 128 and 256 measured within the noise of a loaded machine on T2's shapes).
   */
  static final int KC = 128;
  /** n-block: columns of B packed at once; KC x NC floats = 256 KiB, inside a 2 MiB L2. */
  private static final int NC = 512;
  /** m-block: rows of A packed at once (a multiple of MR); MC x KC floats = 120 KiB, in L2. */
  private static final int MC = 40 * MR;
  /**
   * From this many rows of C the copy of B always pays; below it only when B outgrows
   * {@link #L2_FLOATS} (T2's per-step {@code dh += dPreact W_hh}: 32 rows against a 4 MiB W_hh).
   * With fewer rows and a B that stays in L2 (T1's and T4's per-step products), copying B each
   * step cost T4 about 10% of its step time against the blocked kernel.
   */
  static final int MIN_ROWS = 64;
  /** Floats of B that a core's L2 keeps (1 MiB of a 2 MiB L2). */
  private static final int L2_FLOATS = 1 << 18;

  /**
   * One thread's copies of a block of A (sized for the packed products' larger blocks too, see
   * {@link #rowBuffer}) and of B.
   */
  private static final class Buffers {
    final float[] a = new float[Math.max(MC * KC, VectorPackedGemm.MC * VectorGemm.KC)];
    final float[] b = new float[KC * NC];
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** Whether {@link #gemm} suits a product of this shape (else {@link VectorGemm#gemm} is used). */
  static boolean suits(int m, int n, int k) {
    return n >= P && m >= MR && (m >= MIN_ROWS || (long) k * n > L2_FLOATS);
  }

  /** {@code C[m x n] += A B} with {@code A[i][p] = a[aOff + i*ars + p*acs]} and {@code B} row-major. */
  static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    int full = n - n % P;
    Buffers buffers = BUFFERS.get();
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int jc = 0; jc < full; jc += NC) {
        int nc = Math.min(NC, full - jc);
        packColumns(kc, nc, b, bOff + pc * ldb + jc, ldb, buffers.b);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          int a0 = aOff + ic * ars + pc * acs;
          // strips of A pay for their copy only when two or more panels reuse them
          float[] strips = nc >= 2 * P ? buffers.a : null;
          if (strips != null) {
            packRows(mc, kc, a, a0, ars, acs, strips);
          }
          block(mc, nc, kc, strips, a, a0, ars, acs, buffers.b, c, cOff + ic * ldc + jc, ldc);
        }
      }
    }
    if (full < n) {
      VectorGemm.gemm(m, n - full, k, a, aOff, ars, acs, b, bOff + full, ldb, c, cOff + full, ldc);
    }
  }

  /** Copies {@code B[kc x nc]} (nc a multiple of P) into panels: {@code out[(j/P)*P*kc + p*P + j%P]}. */
  private static void packColumns(int kc, int nc, float[] b, int b0, int ldb, float[] out) {
    for (int jp = 0; jp < nc; jp += P) {
      int base = jp * kc;
      for (int p = 0; p < kc; p++) {
        int src = b0 + p * ldb + jp;
        int dst = base + p * P;
        FloatVector.fromArray(S, b, src).intoArray(out, dst);
        FloatVector.fromArray(S, b, src + L).intoArray(out, dst + L);
        FloatVector.fromArray(S, b, src + 2 * L).intoArray(out, dst + 2 * L);
        FloatVector.fromArray(S, b, src + 3 * L).intoArray(out, dst + 3 * L);
      }
    }
  }

  /** Copies the whole strips of {@code A[mc x kc]}: {@code out[(i/MR)*MR*kc + p*MR + i%MR] = A[i][p]}. */
  static void packRows(int mc, int kc, float[] a, int a0, int ars, int acs, float[] out) {
    for (int i = 0; i + MR <= mc; i += MR) {
      int base = i * kc;
      for (int r = 0; r < MR; r++) {
        int src = a0 + (i + r) * ars;
        for (int p = 0; p < kc; p++) {
          out[base + p * MR + r] = a[src + p * acs];
        }
      }
    }
  }

  /** This thread's buffer for {@link #packRows}, for blocks of up to 256 x 256 floats. */
  static float[] rowBuffer() {
    return BUFFERS.get().a;
  }

  /** Panels outermost, so that each stays in L1 while every strip of A passes over it. */
  private static void block(int m, int nc, int kc, float[] packedA, float[] a, int a0, int ars, int acs,
      float[] packedB, float[] c, int c0, int ldc) {
    for (int jp = 0; jp < nc; jp += P) {
      panel(m, kc, packedA, a, a0, ars, acs, packedB, jp * kc, c, c0 + jp, ldc);
    }
  }

  /**
   * Whether the preferred vectors are 512 bits wide, which on x86 come with 32 vector registers:
   * the 6 x 4 kernel's 24 accumulators and the 4 x 4 kernel's 16 then fit with their operands.
   * With 16 registers (AVX2's 256 bits) they would spill to the stack in the k loop, so narrower
   * vectors take each panel in two halves of two vectors: 6 x 2 and 4 x 2 kernels.
   */
  static final boolean WIDE = S.vectorBitSize() >= 512;

  /** The product of one panel (below) with the kernels for this machine's vectors ({@link #WIDE}). */
  static void panel(int m, int kc, float[] packedA, float[] a, int a0, int ars, int acs, float[] packedB,
      int panel, float[] c, int c0, int ldc) {
    panel(m, kc, packedA, a, a0, ars, acs, packedB, panel, c, c0, ldc, WIDE);
  }

  /**
   * {@code C[m x P] += A[m x kc] panel[kc x P]}: the whole strips of A from {@code packedA} (by
   * {@link #packRows}), the rows past them read from A as it is, four at a time where possible.
   * With {@code packedA} null every row is read from A as it is. {@code wide}: the four-vector
   * kernels (see {@link #WIDE}), else two-vector ones over each half of the panel; the same bits.
   */
  static void panel(int m, int kc, float[] packedA, float[] a, int a0, int ars, int acs, float[] packedB,
      int panel, float[] c, int c0, int ldc, boolean wide) {
    int strips = packedA == null ? 0 : m - m % MR;
    if (strips > 0 && (m % MR == 2 || m % MR == 3)) {
      strips -= MR; // 8 or 9 rows left: two 4-row kernels rather than 2 or 3 one-row ones (m = 32)
    }
    for (int i = 0; i < strips; i += MR) {
      int ci = c0 + i * ldc;
      if (wide) {
        MicroKernels.rows6x4(kc, packedA, i * kc, packedB, panel, c, ci, ldc);
      } else {
        MicroKernels.rows6x2(kc, packedA, i * kc, packedB, panel, c, ci, ldc);
        MicroKernels.rows6x2(kc, packedA, i * kc, packedB, panel + 2 * L, c, ci + 2 * L, ldc);
      }
    }
    int i = strips;
    for (; i + 4 <= m; i += 4) {
      int ai = a0 + i * ars;
      int ci = c0 + i * ldc;
      if (wide) {
        MicroKernels.rows4x4(kc, a, ai, ars, acs, packedB, panel, c, ci, ldc);
      } else {
        MicroKernels.rows4x2(kc, a, ai, ars, acs, packedB, panel, P, c, ci, ldc);
        MicroKernels.rows4x2(kc, a, ai, ars, acs, packedB, panel + 2 * L, P, c, ci + 2 * L, ldc);
      }
    }
    for (; i < m; i++) {
      MicroKernels.row1x4(kc, a, a0 + i * ars, acs, packedB, panel, P, c, c0 + i * ldc);
    }
  }
}
