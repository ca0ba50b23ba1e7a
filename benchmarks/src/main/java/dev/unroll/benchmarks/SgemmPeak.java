package dev.unroll.benchmarks;

import dev.unroll.runtime.kernel.Gemm;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's GEMM ceiling as Unroll's kernels reach it: {@code C += A B} for square {@value #N}
 * x {@value #N} float matrices (2 N^3 flops per invocation), through {@link Gemm#nn} (B as it
 * is) or {@link Gemm#xwT} with B packed once (the layout inference and the weight-stationary
 * products use), on 1 or 2 threads (each taking half the rows of C). T2's GFLOP/s are judged
 * against the best of these and PyTorch's {@code torch.mm} in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmPeak {
  static final int N = 1024;

  @Param({"1", "2"})
  public int threads;

  /** {@code nn}: B row-major as given; {@code packed}: B packed once for {@link Gemm#xwT}. */
  @Param({"nn", "packed"})
  public String kernel;

  private float[] a;
  private float[] b;
  private float[] packed;
  private float[] c;
  private ExecutorService helper;

  @Setup(Level.Trial)
  public void setUp() {
    KernelCheck.requireVector();
    a = Fixtures.values(N * N, 1);
    b = Fixtures.values(N * N, 2);
    c = new float[N * N];
    // xwT multiplies by W^T for W [n, k]: W = B^T gives C += A B.
    float[] bt = new float[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        bt[j * N + i] = b[i * N + j];
      }
    }
    packed = Gemm.pack(true, true, N, N, bt, 0, new float[Gemm.packedSize(N, N)]);
    helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sgemm-helper");
      t.setDaemon(true);
      return t;
    });
  }

  /** C += A B once (C grows without bound, which does not change the time of a product). */
  @Benchmark
  public float[] multiply() throws Exception {
    if (threads == 1) {
      rows(0, N);
    } else {
      Future<?> other = helper.submit(() -> rows(N / 2, N));
      rows(0, N / 2);
      other.get();
    }
    return c;
  }

  private void rows(int from, int to) {
    int m = to - from;
    if (kernel.equals("nn")) {
      Gemm.nn(m, N, N, a, from * N, N, b, 0, N, c, from * N, N);
    } else {
      Gemm.xwT(m, N, N, a, from * N, N, null, 0, packed, c, from * N, N);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    helper.shutdownNow();
  }

  /** The flops of one invocation. */
  static double flops() {
    return 2.0 * N * N * N;
  }
}
