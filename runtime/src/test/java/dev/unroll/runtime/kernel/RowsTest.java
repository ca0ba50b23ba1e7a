package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

class RowsTest {
  private static final float S = -999.5f; // sentinel outside the slices

  private static float[] random(int len, SplittableRandom rng) {
    float[] a = new float[len];
    for (int i = 0; i < len; i++) {
      a[i] = (float) rng.nextDouble(-1, 1);
    }
    return a;
  }

  private static float[] sentinel(int len) {
    float[] a = new float[len];
    Arrays.fill(a, S);
    return a;
  }

  /** Whether flat index x lies in the slice of m rows, n columns at off with leading dim ld. */
  private static boolean inSlice(int x, int m, int n, int off, int ld) {
    return x >= off && (x - off) / ld < m && (x - off) % ld < n;
  }

  private static void assertOutsideUntouched(float[] c, int m, int n, int off, int ld) {
    for (int x = 0; x < c.length; x++) {
      if (!inSlice(x, m, n, off, ld)) {
        assertEquals(S, c[x], "index " + x + " lies outside the slice and was modified");
      }
    }
  }

  @Test
  void broadcastSetsEveryRowOfTheSlice() {
    float[] v = {9, 1, 2, 3, 9};
    int m = 4, n = 3, off = 2, ld = 5;
    float[] c = sentinel(off + m * ld);
    Rows.broadcast(m, n, v, 1, c, off, ld);
    for (int i = 0; i < m; i++) {
      assertArrayEquals(new float[] {1, 2, 3}, Arrays.copyOfRange(c, off + i * ld, off + i * ld + n));
    }
    assertOutsideUntouched(c, m, n, off, ld);
  }

  @Test
  void addColumnSumsAccumulates() {
    // A = [[1, 2, 3], [4, 5, 6]] inside a wider buffer (ld 4, offset 1); s starts at [10, 20, 30].
    float[] a = {S, 1, 2, 3, S, 4, 5, 6, S};
    float[] s = {S, 10, 20, 30, S};
    Rows.addColumnSums(2, 3, a, 1, 4, s, 1);
    assertArrayEquals(new float[] {S, 15, 27, 39, S}, s);

    SplittableRandom rng = new SplittableRandom(1);
    int m = 17, n = 7;
    float[] big = random(m * 11 + 5, rng);
    float[] sums = random(n, rng);
    double[] want = new double[n];
    for (int j = 0; j < n; j++) {
      want[j] = sums[j];
      for (int i = 0; i < m; i++) {
        want[j] += big[5 + i * 11 + j];
      }
    }
    Rows.addColumnSums(m, n, big, 5, 11, sums, 0);
    for (int j = 0; j < n; j++) {
      assertEquals(want[j], sums[j], 1e-5);
    }
  }

  /** The rows are added in order, one float add at a time: the bits of the plain loop (training's pinned bits). */
  @Test
  void addColumnSumsAddsTheRowsInOrder() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int m : new int[] {1, 3, 4, 5, 7, 8, 9, 770}) {
      int n = 13;
      int lda = 15;
      float[] a = random(m * lda + 2, rng);
      float[] sums = random(n + 1, rng);
      float[] want = sums.clone();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          want[1 + j] = want[1 + j] + a[2 + i * lda + j];
        }
      }
      Rows.addColumnSums(m, n, a, 2, lda, sums, 1);
      assertArrayEquals(want, sums, "m=" + m);
    }
  }

  @Test
  void addScaledAddsAScaledRowAndSkipsAZeroScale() {
    float[] x = {S, 1, -2, 4, S};
    float[] y = {S, 10, 20, 30, S};
    Rows.addScaled(3, 0.5f, x, 1, y, 1);
    assertArrayEquals(new float[] {S, 10.5f, 19, 32, S}, y);
    // a zero scale adds nothing, not even 0 * NaN
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, 1};
    Rows.addScaled(3, 0f, bad, 0, y, 1);
    assertArrayEquals(new float[] {S, 10.5f, 19, 32, S}, y);
  }

  @Test
  void zeroClearsOnlyTheSlice() {
    int m = 3, n = 2, off = 1, ld = 4;
    float[] c = sentinel(off + m * ld);
    Rows.zero(m, n, c, off, ld);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(0f, c[off + i * ld + j]);
      }
    }
    assertOutsideUntouched(c, m, n, off, ld);
  }

  @Test
  void copyCopiesOnlyTheSlice() {
    SplittableRandom rng = new SplittableRandom(2);
    int m = 5, n = 3;
    float[] a = random(3 + m * 6, rng);
    float[] c = sentinel(2 + m * 4);
    Rows.copy(m, n, a, 3, 6, c, 2, 4);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(a[3 + i * 6 + j], c[2 + i * 4 + j]);
      }
    }
    assertOutsideUntouched(c, m, n, 2, 4);
  }

  @Test
  void addColumnsOfEqualsOneHotTimesWTransposed() {
    SplittableRandom rng = new SplittableRandom(3);
    int m = 9, n = 5, vocab = 6, wOff = 4, cOff = 3, ldc = 8;
    int[] symbols = new int[m];
    for (int r = 0; r < m; r++) {
      symbols[r] = rng.nextInt(vocab);
    }
    symbols[0] = 0;
    symbols[1] = vocab - 1;
    symbols[2] = symbols[3]; // a repeated symbol
    float[] w = random(wOff + n * vocab, rng);
    float[] c = sentinel(cOff + m * ldc);
    float[] c0 = random(m * n, rng);
    for (int i = 0; i < m; i++) {
      System.arraycopy(c0, i * n, c, cOff + i * ldc, n);
    }
    Rows.addColumnsOf(m, n, vocab, symbols, w, wOff, c, cOff, ldc);

    FMatrixRMaj oneHot = new FMatrixRMaj(m, vocab);
    for (int r = 0; r < m; r++) {
      oneHot.set(r, symbols[r], 1f);
    }
    FMatrixRMaj wm = new FMatrixRMaj(n, vocab);
    for (int j = 0; j < n; j++) {
      for (int v = 0; v < vocab; v++) {
        wm.set(j, v, w[wOff + j * vocab + v]);
      }
    }
    FMatrixRMaj want = new FMatrixRMaj(m, n, true, c0);
    CommonOps_FDRM.multAddTransB(oneHot, wm, want);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(want.get(i, j), c[cOff + i * ldc + j], 1e-6, "row " + i + " col " + j);
      }
    }
    assertOutsideUntouched(c, m, n, cOff, ldc);
  }

  /** {@code <addColumnsOf(W), G> == <W, addToColumns(G)>}: addToColumns is the adjoint. */
  @Test
  void addToColumnsIsTheAdjointOfAddColumnsOf() {
    SplittableRandom rng = new SplittableRandom(4);
    int m = 11, n = 4, vocab = 7, wOff = 2, gOff = 3, ldg = 6;
    int[] symbols = new int[m];
    for (int r = 0; r < m; r++) {
      symbols[r] = rng.nextInt(3); // few distinct symbols: repeated ones must accumulate
    }
    symbols[m - 1] = vocab - 1;
    float[] w = random(wOff + n * vocab, rng);
    float[] g = random(gOff + m * ldg, rng);

    float[] y = new float[gOff + m * ldg];
    Rows.addColumnsOf(m, n, vocab, symbols, w, wOff, y, gOff, ldg);
    double lhs = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        lhs += (double) y[gOff + i * ldg + j] * g[gOff + i * ldg + j];
      }
    }

    float[] dw = new float[wOff + n * vocab];
    Arrays.fill(dw, 0, wOff, S);
    Rows.addToColumns(m, n, vocab, symbols, g, gOff, ldg, dw, wOff);
    double rhs = 0;
    for (int x = wOff; x < dw.length; x++) {
      rhs += (double) w[x] * dw[x];
    }
    assertEquals(lhs, rhs, 1e-5 * (1 + Math.abs(lhs)));
    for (int x = 0; x < wOff; x++) {
      assertEquals(S, dw[x]);
    }
    // Columns of symbols that never occur get nothing.
    for (int j = 0; j < n; j++) {
      for (int v = 3; v < vocab - 1; v++) {
        assertEquals(0f, dw[wOff + j * vocab + v]);
      }
    }
  }

  @Test
  void gatherRowsCopiesTableRows() {
    // table [3, 2] at offset 1: rows (1, 2), (3, 4), (5, 6)
    float[] table = {S, 1, 2, 3, 4, 5, 6};
    float[] c = sentinel(1 + 4 * 3);
    Rows.gatherRows(4, 2, 3, new int[] {2, 0, 2, 1}, table, 1, c, 1, 3);
    assertArrayEquals(
        new float[] {S, 5, 6, S, 1, 2, S, 5, 6, S, 3, 4, S}, c);
  }

  /** {@code <gatherRows(T), G> == <T, scatterAddRows(G)>}. */
  @Test
  void scatterAddRowsIsTheAdjointOfGatherRows() {
    SplittableRandom rng = new SplittableRandom(5);
    int m = 13, n = 5, vocab = 6, tOff = 3, gOff = 1, ldg = 7;
    int[] symbols = new int[m];
    for (int r = 0; r < m; r++) {
      symbols[r] = rng.nextInt(vocab - 1); // the last row of the table is never used
    }
    float[] table = random(tOff + vocab * n, rng);
    float[] g = random(gOff + m * ldg, rng);

    float[] y = new float[gOff + m * ldg];
    Rows.gatherRows(m, n, vocab, symbols, table, tOff, y, gOff, ldg);
    double lhs = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        lhs += (double) y[gOff + i * ldg + j] * g[gOff + i * ldg + j];
      }
    }

    float[] dt = sentinel(tOff + vocab * n);
    Arrays.fill(dt, tOff, dt.length, 0f);
    Rows.scatterAddRows(m, n, symbols, g, gOff, ldg, dt, tOff);
    double rhs = 0;
    for (int x = tOff; x < dt.length; x++) {
      rhs += (double) table[x] * dt[x];
    }
    assertEquals(lhs, rhs, 1e-5 * (1 + Math.abs(lhs)));
    for (int x = 0; x < tOff; x++) {
      assertEquals(S, dt[x]);
    }
    for (int j = 0; j < n; j++) {
      assertEquals(0f, dt[tOff + (vocab - 1) * n + j]);
    }
  }

  @Test
  void outOfRangeSymbolIsRejectedNamingSymbolAndRow() {
    float[] w = new float[2 * 5];
    float[] c = new float[4 * 2];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rows.addColumnsOf(4, 2, 5, new int[] {0, 4, 5, 1}, w, 0, c, 0, 2));
    assertTrue(e.getMessage().contains("symbol 5"), e.getMessage());
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> Rows.addColumnsOf(4, 2, 5, new int[] {-1, 0, 0, 0}, w, 0, c, 0, 2));
    assertTrue(e.getMessage().contains("symbol -1"), e.getMessage());
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());

    float[] table = new float[5 * 2];
    e = assertThrows(IllegalArgumentException.class,
        () -> Rows.gatherRows(4, 2, 5, new int[] {1, 2, 3, 7}, table, 0, c, 0, 2));
    assertTrue(e.getMessage().contains("symbol 7"), e.getMessage());
    assertTrue(e.getMessage().contains("row 3"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> Rows.gatherRows(2, 2, 5, new int[] {-3, 0}, table, 0, c, 0, 2));
    assertTrue(e.getMessage().contains("symbol -3"), e.getMessage());
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
  }
}
