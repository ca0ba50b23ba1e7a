package dev.unroll.runtime.kernel.vector;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The bits of every element of the vector products, against plain triple loops: the columns the
 * micro-kernels cover are one chain of fused multiply-adds along k started from C ({@link
 * Math#fma}); the columns past them (the last {@code n % L} of an unpacked product, those of a
 * zero-padded last packed panel) are the plain loop's sums, per k-block of {@link VectorGemm#KC}:
 * products rounded, added from zero in k order, then added into C. Shapes are not multiples of
 * the vector length, the panels, the strips or the blocks; A is read as stored and transposed, on
 * strided slices. Elements of C outside its slice must stay untouched.
 */
class GemmBitsTest {
  private static final int L = FloatVector.SPECIES_PREFERRED.length();
  private static final int P = 4 * L;
  private static final float UNTOUCHED = -7777.25f;
  private static final int[] ROWS = {1, 3, 4, 5, 7, 16, 33, 70};
  private static final int[] COLUMNS = {1, 3, L - 1, L + 1, 2 * L + 3, 3 * L - 1, P + 2 * L, P + L + 5, 2 * P + 1};
  private static final int[] INNER = {1, 5, 32, 257, 300};

  @Test
  void unpackedProductsMatchTheirLoops() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int m : ROWS) {
      for (int n : COLUMNS) {
        for (int k : INNER) {
          for (boolean transposed : new boolean[] {false, true}) {
            check(m, n, k, transposed, false, rng);
          }
        }
      }
    }
  }

  @Test
  void packedProductsMatchTheirLoops() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int m : ROWS) {
      for (int n : COLUMNS) {
        for (int k : INNER) {
          check(m, n, k, false, true, rng);
        }
      }
    }
  }

  /** Products large enough for the copied panels of {@link VectorPanelGemm} (64+ rows), with edges. */
  @Test
  void panelProductsMatchTheirLoops() {
    SplittableRandom rng = new SplittableRandom(5);
    check(70, P + L + 3, 300, false, false, rng);
    check(97, 2 * P + 1, 130, true, false, rng);
    check(261, P + 2 * L, 40, false, true, rng);
  }

  /**
   * One panel of packed B times strips of packed A (and rows read as they are), through the
   * four-vector kernels of 512-bit machines and through the two-vector ones of 16-register machines
   * (whichever this machine prefers): both give each element the fma chain of the loop.
   */
  @Test
  void bothPanelKernelShapesMatchTheirLoops() {
    SplittableRandom rng = new SplittableRandom(6);
    for (boolean wide : new boolean[] {true, false}) {
      for (int m : new int[] {1, 4, 5, 6, 8, 9, 13, 20}) {
        for (int k : new int[] {1, 7, 130}) {
          for (boolean transposed : new boolean[] {false, true}) {
            checkPanel(m, k, transposed, wide, rng);
          }
        }
      }
    }
  }

  private static void checkPanel(int m, int k, boolean transposed, boolean wide, SplittableRandom rng) {
    String what = (wide ? "4-vector" : "2-vector") + " panel m=" + m + " k=" + k + (transposed ? " A^T" : "");
    int lda = transposed ? m + 2 : k + 3;
    float[] a = random((transposed ? k : m) * lda + 1, rng);
    int ars = transposed ? 1 : lda;
    int acs = transposed ? lda : 1;
    float[] w = random(P * k, rng);
    float[] packedB = new float[VectorPackedGemm.packedSize(P, k)];
    VectorPackedGemm.pack(P, k, w, 0, packedB);
    float[] packedA = new float[Math.max(1, m * k)];
    VectorPanelGemm.packRows(m, k, a, 1, ars, acs, packedA);
    int ldc = P + 3;
    float[] c = random(m * ldc, rng);
    float[] want = c.clone();
    VectorPanelGemm.panel(m, k, packedA, a, 1, ars, acs, packedB, 0, c, 0, ldc, wide);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < P; j++) {
        for (int p = 0; p < k; p++) {
          want[i * ldc + j] = Math.fma(a[1 + i * ars + p * acs], w[j * k + p], want[i * ldc + j]);
        }
      }
    }
    for (int x = 0; x < c.length; x++) {
      if (Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(want[x])) {
        fail(what + ": C[" + x / ldc + "][" + x % ldc + "] = " + c[x] + ", the loop gives " + want[x]);
      }
    }
  }

  /**
   * {@code C[m x n] += A B} (or {@code A^T B} with {@code transposed}, or {@code A W^T} through
   * packed W with {@code packed}), compared bit for bit with the loops.
   */
  private static void check(int m, int n, int k, boolean transposed, boolean packed, SplittableRandom rng) {
    String what = (packed ? "packed" : transposed ? "tn" : "nn") + " m=" + m + " n=" + n + " k=" + k;
    // A as stored: [m x k] (lda k + 3), or [k x m] (lda m + 2) when read transposed
    int lda = transposed ? m + 2 : k + 3;
    float[] a = random((transposed ? k : m) * lda + 1, rng);
    int ars = transposed ? 1 : lda;
    int acs = transposed ? lda : 1;
    // B [k x n] (ldb n + 1), or W [n x k] for the packed product
    int ldb = n + 1;
    float[] b = random(packed ? n * k : k * ldb, rng);
    int ldc = n + 5;
    float[] c = random(m * ldc + 2, rng);
    for (int i = 0; i < m; i++) {
      for (int j = n; j < ldc; j++) {
        c[1 + i * ldc + j] = UNTOUCHED;
      }
    }
    float[] want = c.clone();
    VectorKernels kernels = new VectorKernels();
    if (packed) {
      float[] w = new float[VectorPackedGemm.packedSize(n, k)];
      VectorPackedGemm.pack(n, k, b, 0, w);
      kernels.gemmPacked(m, n, k, a, 1, lda, w, c, 1, ldc);
    } else if (transposed) {
      kernels.gemmTN(m, n, k, a, 1, lda, b, 0, ldb, c, 1, ldc);
    } else {
      kernels.gemmNN(m, n, k, a, 1, lda, b, 0, ldb, c, 1, ldc);
    }
    int edge = packed ? n / P * P : n - n % L;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = 1 + i * ldc + j;
        if (j < edge) {
          for (int p = 0; p < k; p++) {
            want[ci] = Math.fma(a[1 + i * ars + p * acs], packed ? b[j * k + p] : b[p * ldb + j], want[ci]);
          }
        } else {
          for (int pc = 0; pc < k; pc += VectorGemm.KC) {
            float s = 0f;
            for (int p = pc; p < Math.min(k, pc + VectorGemm.KC); p++) {
              s += a[1 + i * ars + p * acs] * (packed ? b[j * k + p] : b[p * ldb + j]);
            }
            want[ci] += s;
          }
        }
      }
    }
    for (int x = 0; x < c.length; x++) {
      if (Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(want[x])) {
        int i = (x - 1) / ldc;
        int j = (x - 1) % ldc;
        fail(what + ": C[" + i + "][" + j + "] = " + c[x] + ", the loop gives " + want[x]
            + (j >= n || x == 0 ? " (outside C's slice)" : j >= edge ? " (edge column)" : ""));
      }
    }
  }

  private static float[] random(int size, SplittableRandom rng) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    return x;
  }
}
