package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.runtime.kernel.vector.VectorKernels;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Both implementations of {@link Kernels}, side by side on the same inputs, for every operation.
 * The façade tests check only {@link Kernels#ACTIVE} (the vector kernels under the build's JVM
 * options), so without this test the portable kernels, which every JVM without {@code --add-modules
 * jdk.incubator.vector} runs, would be untested.
 *
 * <p>The shapes are the awkward ones: hidden sizes that are not multiples of the vector length
 * (masked tails), a single row, ended rows ({@code lengths}), strided slices of wider buffers,
 * GEMM sizes either side of the 8-row and one/two-vector register blocks and past the 256-wide k
 * and n panels. Every array is exactly as long as its last element, so a read past the end fails,
 * and every element no operation may touch (before the offset, between strided rows, unused
 * parameters) is a NaN that must stay as it is and would poison any result that read it.
 */
class KernelImplementationsTest {
  private static final Kernels PORTABLE = new PortableKernels();
  private static final Kernels VECTOR = new VectorKernels();

  private static final int[] HIDDEN = {1, 5, 16, 17, 33, 64};
  private static final int MAX_BATCH = 9;
  private static final int STEPS = 4;
  private static final int[] GEMM_SIZES = {1, 3, 8, 9, 17, 33, 64, 70};
  /** Past the 256-wide k and n panels of the vector GEMM, one of them by a single element. */
  private static final int[] WIDE = {257, 300};

  /** Marks elements no kernel may read or write; a quiet NaN with a recognisable payload. */
  private static final float UNTOUCHED = Float.intBitsToFloat(0x7fc0beef);

  /**
   * The pointwise kernels differ only by float rounding and by the activations (float polynomial
   * versus double {@code Math.exp}, within about 1e-7): relative to the value plus a little of the
   * largest value of the buffer.
   */
  private static final double CELL_RTOL = 1e-5;
  private static final double CELL_ATOL = 1e-6;
  /**
   * A GEMM element may differ by the rounding of a k-term sum in another order (and fused): bound
   * by {@code GEMM_TOL * (|C0| + sum |a b|)}, a few times the typical error of such sums for the
   * k here (the worst-case bound, k ulp, would hide real mistakes at k = 300).
   */
  private static final double GEMM_TOL = 2e-6;

  @Test
  void namesSayWhichImplementationRuns() {
    assertEquals("portable", PORTABLE.name());
    assertEquals("vector", VECTOR.name());
  }

  // ------------------------------------------------------------------------------ GEMM

  @Test
  void gemmDotAgrees() {
    gemms("gemmDot", (m, n, k, rng) -> {
      Buf a = Buf.matrix("A", rng, m, k, true, sparseOrNot(rng));
      Buf b = Buf.matrix("B", rng, n, k, true, uniform(rng, -1, 1));
      Buf c = Buf.matrix("C", rng, m, n, true, uniform(rng, -1, 1));
      c.magnitude((i, j) -> sumAbs(k, p -> a.at(i, p) * b.at(j, p)));
      agree("gemmDot", (kn, x) -> kn.gemmDot(m, n, k, x.of(a), a.off, a.ld, x.of(b), b.off, b.ld, x.of(c), c.off, c.ld),
          a.in(), b.in(), c);
    });
  }

  @Test
  void gemmNNAgrees() {
    gemms("gemmNN", (m, n, k, rng) -> {
      Buf a = Buf.matrix("A", rng, m, k, true, sparseOrNot(rng));
      Buf b = Buf.matrix("B", rng, k, n, true, uniform(rng, -1, 1));
      Buf c = Buf.matrix("C", rng, m, n, true, uniform(rng, -1, 1));
      c.magnitude((i, j) -> sumAbs(k, p -> a.at(i, p) * b.at(p, j)));
      agree("gemmNN", (kn, x) -> kn.gemmNN(m, n, k, x.of(a), a.off, a.ld, x.of(b), b.off, b.ld, x.of(c), c.off, c.ld),
          a.in(), b.in(), c);
    });
  }

  @Test
  void gemmTNAgrees() {
    gemms("gemmTN", (m, n, k, rng) -> {
      Buf a = Buf.matrix("A", rng, k, m, true, sparseOrNot(rng));
      Buf b = Buf.matrix("B", rng, k, n, true, uniform(rng, -1, 1));
      Buf c = Buf.matrix("C", rng, m, n, true, uniform(rng, -1, 1));
      c.magnitude((i, j) -> sumAbs(k, p -> a.at(p, i) * b.at(p, j)));
      agree("gemmTN", (kn, x) -> kn.gemmTN(m, n, k, x.of(a), a.off, a.ld, x.of(b), b.off, b.ld, x.of(c), c.off, c.ld),
          a.in(), b.in(), c);
    });
  }

  private interface GemmCase {
    void run(int m, int n, int k, SplittableRandom rng);
  }

  /**
   * Every m of {@link #GEMM_SIZES} with every n and k of them and of {@link #WIDE}: the wide
   * ones only for a few m, which is enough to cross the panels with and without 8-row blocks.
   */
  private static void gemms(String op, GemmCase test) {
    int[] wideRows = {1, 3, 9, 17};
    int[] nk = concat(GEMM_SIZES, WIDE);
    long seed = 1;
    for (int m : GEMM_SIZES) {
      for (int n : nk) {
        for (int k : nk) {
          boolean wide = n > 256 || k > 256;
          if (wide && Arrays.stream(wideRows).noneMatch(r -> r == m)) {
            continue;
          }
          SplittableRandom rng = new SplittableRandom(seed++);
          withCase(op + " m=" + m + " n=" + n + " k=" + k, () -> test.run(m, n, k, rng));
        }
      }
    }
  }

  /** Dense, or with a third of the entries exactly zero (one-hot inputs, ReLU gradients): the portable kernels skip those. */
  private static Filler sparseOrNot(SplittableRandom rng) {
    boolean sparse = rng.nextBoolean();
    return (r, c) -> sparse && rng.nextInt(3) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
  }

  /** {@code sum_p |term(p)|}: with {@code |C0|}, the scale of a GEMM element's rounding error. */
  private static double sumAbs(int k, IntToDoubleFunction term) {
    double s = 0;
    for (int p = 0; p < k; p++) {
      s += Math.abs(term.applyAsDouble(p));
    }
    return s;
  }

  // ------------------------------------------------------------------------------ LSTM

  @Test
  void lstmForwardAgrees() {
    cells("lstmForward", (h, batch, flag, rng, lengths, t) -> {
      boolean peephole = flag;
      int g4 = 4 * h;
      Params p = new Params(rng, g4, peephole ? 3 * h : 0);
      Buf proj = Buf.rows("proj", rng, batch, g4, uniform(rng, -3, 3)).in();
      Buf rec = Buf.dense("rec", batch, g4, uniform(rng, -3, 3)).in();
      Buf cPrev = Buf.rows("cPrev", rng, batch, h, uniform(rng, -2, 2)).in();
      Buf hPrev = Buf.matrix("hPrev", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf gates = Buf.rows("gates", rng, batch, g4, written());
      Buf c = Buf.rows("c", rng, batch, h, written());
      Buf hOut = Buf.matrix("hOut", rng, batch, h, true, written());
      agree("lstmForward", (k, x) -> LstmCell.forward(k, batch, h, x.of(p.buf), p.bias, p.extra, x.of(proj),
              proj.off, x.of(rec), x.of(cPrev), cPrev.off, x.of(hPrev), hPrev.off, hPrev.ld, x.of(gates), gates.off,
              x.of(c), c.off, x.of(hOut), hOut.off, hOut.ld, lengths, t),
          p.buf, proj, rec, cPrev, hPrev, gates, c, hOut);
    });
  }

  @Test
  void lstmBackwardAgrees() {
    cells("lstmBackward", (h, batch, flag, rng, lengths, t) -> {
      boolean peephole = flag;
      int g4 = 4 * h;
      Params p = new Params(rng, 0, peephole ? 3 * h : 0);
      Buf gates = Buf.rows("gates", rng, batch, g4, (r, col) -> col / h == 2
          ? (float) rng.nextDouble(-0.99, 0.99) : (float) rng.nextDouble(0.01, 0.99)).in();
      Buf cPrev = Buf.rows("cPrev", rng, batch, h, uniform(rng, -2, 2)).in();
      Buf c = Buf.rows("c", rng, batch, h, uniform(rng, -2, 2)).in();
      Buf dOut = Buf.matrix("dOut", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf dh = Buf.dense("dh", batch, h, uniform(rng, -1, 1));
      Buf dc = Buf.dense("dc", batch, h, uniform(rng, -1, 1));
      Buf dGates = Buf.rows("dGates", rng, batch, g4, written());
      // The peephole gradient accumulates; without peepholes it must not be touched at all.
      Buf grad = peephole ? Buf.rows("grad", rng, 1, 3 * h, uniform(rng, -1, 1)) : Buf.untouched("grad", 5);
      int gPeep = peephole ? grad.off : 2;
      agree("lstmBackward", (k, x) -> LstmCell.backward(k, batch, h, x.of(p.buf), p.extra, x.of(gates), gates.off,
              x.of(cPrev), cPrev.off, x.of(c), c.off, x.of(dOut), dOut.off, dOut.ld, x.of(dh), x.of(dc),
              x.of(dGates), dGates.off, x.of(grad), gPeep, lengths, t),
          p.buf, gates, cPrev, c, dOut, dh, dc, dGates, grad);
    });
  }

  // ------------------------------------------------------------------------------ GRU

  @Test
  void gruForwardAgrees() {
    cells("gruForward", (h, batch, unused, rng, lengths, t) -> {
      int g3 = 3 * h;
      Params p = new Params(rng, g3, 0);
      Buf proj = Buf.rows("proj", rng, batch, g3, uniform(rng, -3, 3)).in();
      Buf rec = Buf.dense("rec", batch, g3, uniform(rng, -3, 3)).in();
      Buf hPrev = Buf.matrix("hPrev", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf gates = Buf.rows("gates", rng, batch, g3, written());
      Buf hn = Buf.rows("hn", rng, batch, h, written());
      Buf hOut = Buf.matrix("hOut", rng, batch, h, true, written());
      agree("gruForward", (k, x) -> GruCell.forward(k, batch, h, x.of(p.buf), p.bias, x.of(proj), proj.off,
              x.of(rec), x.of(hPrev), hPrev.off, hPrev.ld, x.of(gates), gates.off, x.of(hn), hn.off, x.of(hOut),
              hOut.off, hOut.ld, lengths, t),
          p.buf, proj, rec, hPrev, gates, hn, hOut);
    });
  }

  @Test
  void gruBackwardAgrees() {
    cells("gruBackward", (h, batch, unused, rng, lengths, t) -> {
      int g3 = 3 * h;
      Buf gates = Buf.rows("gates", rng, batch, g3, (r, col) -> col / h == 2
          ? (float) rng.nextDouble(-0.99, 0.99) : (float) rng.nextDouble(0.01, 0.99)).in();
      Buf hn = Buf.rows("hn", rng, batch, h, uniform(rng, -3, 3)).in();
      Buf hPrev = Buf.matrix("hPrev", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf dOut = Buf.matrix("dOut", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf dh = Buf.dense("dh", batch, h, uniform(rng, -1, 1));
      Buf dGates = Buf.rows("dGates", rng, batch, g3, written());
      Buf dGatesHH = Buf.rows("dGatesHH", rng, batch, g3, written());
      agree("gruBackward", (k, x) -> GruCell.backward(k, batch, h, x.of(gates), gates.off, x.of(hn), hn.off,
              x.of(hPrev), hPrev.off, hPrev.ld, x.of(dOut), dOut.off, dOut.ld, x.of(dh), x.of(dGates), dGates.off,
              x.of(dGatesHH), dGatesHH.off, lengths, t),
          gates, hn, hPrev, dOut, dh, dGates, dGatesHH);
    });
  }

  // ------------------------------------------------------------------------------ Elman RNN

  @Test
  void rnnForwardAgrees() {
    cells("rnnForward", (h, batch, relu, rng, lengths, t) -> {
      Params p = new Params(rng, h, 0);
      Buf proj = Buf.rows("proj", rng, batch, h, uniform(rng, -3, 3)).in();
      Buf rec = Buf.dense("rec", batch, h, uniform(rng, -3, 3)).in();
      Buf hPrev = Buf.matrix("hPrev", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf hOut = Buf.matrix("hOut", rng, batch, h, true, written());
      agree("rnnForward", (k, x) -> RnnCell.forward(k, relu, batch, h, x.of(p.buf), p.bias, x.of(proj), proj.off,
              x.of(rec), x.of(hPrev), hPrev.off, hPrev.ld, x.of(hOut), hOut.off, hOut.ld, lengths, t),
          p.buf, proj, rec, hPrev, hOut);
    });
  }

  @Test
  void rnnBackwardAgrees() {
    cells("rnnBackward", (h, batch, relu, rng, lengths, t) -> {
      // ReLU outputs are >= 0 with many exact zeros, where the derivative switches.
      Buf hOut = Buf.matrix("hOut", rng, batch, h, true,
          (r, c) -> relu ? Math.max(0f, (float) rng.nextDouble(-1, 1)) : (float) rng.nextDouble(-0.99, 0.99)).in();
      Buf dOut = Buf.matrix("dOut", rng, batch, h, true, uniform(rng, -1, 1)).in();
      Buf dh = Buf.dense("dh", batch, h, uniform(rng, -1, 1));
      Buf dGates = Buf.rows("dGates", rng, batch, h, written());
      agree("rnnBackward", (k, x) -> RnnCell.backward(k, relu, batch, h, x.of(hOut), hOut.off, hOut.ld, x.of(dOut),
              dOut.off, dOut.ld, x.of(dh), x.of(dGates), dGates.off, lengths, t),
          hOut, dOut, dh, dGates);
    });
  }

  private interface CellCase {
    void run(int h, int batch, boolean flag, SplittableRandom rng, int[] lengths, int t);
  }

  /**
   * Every hidden size of {@link #HIDDEN} with batches 1 to {@link #MAX_BATCH}, the flag
   * (peepholes, ReLU) off and on, and three masks: none, all rows running, some rows ended
   * (random lengths at a random step, forced to contain both kinds when the batch allows).
   */
  private static void cells(String op, CellCase test) {
    long seed = 100;
    for (int h : HIDDEN) {
      for (int batch = 1; batch <= MAX_BATCH; batch++) {
        for (boolean flag : new boolean[] {false, true}) {
          for (int mask = 0; mask < 3; mask++) {
            SplittableRandom rng = new SplittableRandom(seed++);
            int t = rng.nextInt(STEPS);
            int[] lengths = null;
            if (mask == 1) {
              lengths = new int[batch];
              Arrays.fill(lengths, STEPS);
            } else if (mask == 2) {
              lengths = new int[batch];
              for (int b = 0; b < batch; b++) {
                lengths[b] = 1 + rng.nextInt(STEPS);
              }
              t = STEPS - 1;
              lengths[0] = STEPS; // running
              lengths[batch - 1] = 1 + rng.nextInt(STEPS - 1); // ended, for batch 1 too
            }
            int[] len = lengths;
            int step = t;
            int hh = h;
            int bb = batch;
            withCase(op + " h=" + h + " batch=" + batch + " flag=" + flag + " lengths=" + Arrays.toString(lengths)
                + " t=" + t, () -> test.run(hh, bb, flag, rng, len, step));
          }
        }
      }
    }
  }

  /** Parameters: a bias block and an extra block (peepholes), apart, in one NaN-padded array. */
  private static final class Params {
    final Buf buf;
    final int bias;
    final int extra;

    Params(SplittableRandom rng, int biasLength, int extraLength) {
      bias = rng.nextInt(4);
      int gap = rng.nextInt(4);
      extra = extraLength > 0 ? bias + biasLength + gap : -1;
      buf = Buf.untouched("params", extraLength > 0 ? extra + extraLength : bias + biasLength);
      buf.fill(bias, 1, biasLength, biasLength, uniform(rng, -1, 1));
      if (extraLength > 0) {
        buf.fill(extra, 1, extraLength, extraLength, uniform(rng, -1, 1));
      }
      buf.in();
    }
  }

  // ------------------------------------------------------------------------------ buffers

  private interface Filler {
    float at(int row, int col);
  }

  private static Filler uniform(SplittableRandom rng, double lo, double hi) {
    return (r, c) -> (float) rng.nextDouble(lo, hi);
  }

  /** An output the kernel must write: NaN before, so an element it skips fails the comparison. */
  private static Filler written() {
    return (r, c) -> Float.NaN;
  }

  private interface Magnitude {
    double at(int row, int col);
  }

  /**
   * One array argument: the elements of its regions are live, every other element is {@link
   * #UNTOUCHED}. An input must come back bit for bit unchanged from both implementations.
   */
  private static final class Buf {
    final String name;
    final float[] a;
    final boolean[] live;
    /** Where the (first) region starts and the distance between its rows. */
    int off;
    int ld;
    boolean input;
    /** For GEMM outputs: the scale of each element's rounding error. */
    double[] magnitude;

    private Buf(String name, int length) {
      this.name = name;
      this.a = new float[length];
      this.live = new boolean[length];
      Arrays.fill(a, UNTOUCHED);
    }

    static Buf untouched(String name, int length) {
      return new Buf(name, length);
    }

    /** [rows x width] starting at offset 0, rows adjacent: the layout kernels hard-code for their scratch rows. */
    static Buf dense(String name, int rows, int width, Filler f) {
      Buf b = new Buf(name, rows * width);
      b.fill(0, rows, width, width, f);
      return b;
    }

    /** [rows x width] at a random offset, rows adjacent (the layout of gate rows). */
    static Buf rows(String name, SplittableRandom rng, int rows, int width, Filler f) {
      return matrix(name, rng, rows, width, false, f);
    }

    /**
     * [rows x width] at a random offset, with a leading dimension greater than the width when
     * strided (one direction's columns of a bidirectional layer's output), ending at the array's end.
     */
    static Buf matrix(String name, SplittableRandom rng, int rows, int width, boolean strided, Filler f) {
      int off = rng.nextInt(4);
      int ld = width + (strided ? 1 + rng.nextInt(width + 2) : 0);
      Buf b = new Buf(name, off + (rows - 1) * ld + width);
      b.fill(off, rows, width, ld, f);
      return b;
    }

    void fill(int from, int rows, int width, int stride, Filler f) {
      if (!anyLive()) {
        off = from;
        ld = stride;
      }
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < width; c++) {
          a[from + r * stride + c] = f.at(r, c);
          live[from + r * stride + c] = true;
        }
      }
    }

    private boolean anyLive() {
      for (boolean l : live) {
        if (l) {
          return true;
        }
      }
      return false;
    }

    Buf in() {
      input = true;
      return this;
    }

    void magnitude(Magnitude m) {
      magnitude = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        if (live[i]) {
          int r = (i - off) / ld;
          magnitude[i] = Math.abs(a[i]) + m.at(r, (i - off) % ld);
        }
      }
    }

    /** Element [row][col] of the first region, in double. */
    double at(int row, int col) {
      return a[off + row * ld + col];
    }

    String where(int i) {
      return live[i] && ld > 0 ? name + "[" + i + "] (row " + (i - off) / ld + ", column " + (i - off) % ld + ")" : name + "[" + i + "]";
    }
  }

  /** The arrays one implementation runs on: private copies of every buffer. */
  private static final class Arguments {
    private final Map<Buf, float[]> copies = new IdentityHashMap<>();

    Arguments(Buf[] bufs) {
      for (Buf b : bufs) {
        copies.put(b, b.a.clone());
      }
    }

    float[] of(Buf b) {
      return copies.get(b);
    }
  }

  private interface Call {
    void run(Kernels k, Arguments x);
  }

  /** Runs the call on both implementations, on copies of the same buffers, and compares every buffer. */
  private static void agree(String op, Call call, Buf... bufs) {
    Arguments portable = new Arguments(bufs);
    Arguments vector = new Arguments(bufs);
    call.run(PORTABLE, portable);
    try {
      call.run(VECTOR, vector);
    } catch (RuntimeException e) {
      throw new AssertionError("the vector kernel failed where the portable one did not", e);
    }
    for (Buf b : bufs) {
      compare(b, portable.of(b), vector.of(b));
    }
  }

  private static void compare(Buf b, float[] want, float[] got) {
    double scale = 0;
    for (int i = 0; i < want.length; i++) {
      if (b.live[i]) {
        scale = Math.max(scale, Math.abs(want[i]));
      }
    }
    for (int i = 0; i < want.length; i++) {
      if (!b.live[i] || b.input) {
        int was = Float.floatToRawIntBits(b.a[i]);
        if (Float.floatToRawIntBits(want[i]) != was || Float.floatToRawIntBits(got[i]) != was) {
          fail(b.where(i) + (b.live[i] ? " is an input" : " is outside every region") + ": was " + b.a[i]
              + ", portable left " + want[i] + ", vector left " + got[i]);
        }
        continue;
      }
      if (!Float.isFinite(want[i]) || !Float.isFinite(got[i])) {
        fail(b.where(i) + ": portable " + want[i] + ", vector " + got[i] + " (a NaN means unwritten or read from padding)");
      }
      double tol = b.magnitude != null
          ? GEMM_TOL * b.magnitude[i] + Float.MIN_NORMAL
          : CELL_RTOL * Math.abs(want[i]) + CELL_ATOL * scale + Float.MIN_NORMAL;
      double err = Math.abs((double) want[i] - got[i]);
      if (b.magnitude != null) {
        worstGemm = Math.max(worstGemm, err / tol);
      } else {
        worstCell = Math.max(worstCell, err / tol);
      }
      if (err > tol) {
        fail(b.where(i) + ": portable " + want[i] + ", vector " + got[i] + ", differ by " + err + " > " + tol);
      }
    }
  }

  /** The largest errors seen, as fractions of their tolerance (printed, to show the margin). */
  private static double worstGemm;
  private static double worstCell;

  private static void withCase(String description, Runnable test) {
    try {
      test.run();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(description + ": " + e.getMessage(), e);
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @AfterAll
  static void report() {
    System.out.printf("KernelImplementationsTest: worst difference %.3f of the tolerance for GEMM, %.3f for cells%n",
        worstGemm, worstCell);
  }
}
