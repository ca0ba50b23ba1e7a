package dev.unroll.benchmarks.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.unroll.benchmarks.models.I2BatchInferenceNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
 * I2 in ONNX Runtime: the sequence graph of {@link I2BatchInferenceNet} (exported by Unroll) on
 * {@value #BATCH} random sequences of {@value #STEPS} symbols, time-major int64 {@code [T, B]},
 * returning the softmax of every step ({@code output [T, B, 65]}), with {@link #intraOpThreads}
 * threads. The input tensor is made once over a direct buffer; ONNX Runtime allocates the outputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrtI2BatchPrediction {
  static final int STEPS = 100;
  static final int BATCH = 128;
  private static final int SYMBOLS = 65;
  private static final Set<String> OUTPUT = Set.of("output");

  /** ONNX Runtime's intra-op threads. */
  @Param({"1", "2"})
  public int intraOpThreads;

  private OrtSession session;
  private OnnxTensor input;
  private Map<String, OnnxTensor> inputs;

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    session = OrtModels.sequence(new I2BatchInferenceNet(), intraOpThreads);
    LongBuffer symbols = ByteBuffer.allocateDirect(STEPS * BATCH * Long.BYTES).order(ByteOrder.nativeOrder())
        .asLongBuffer();
    SplittableRandom random = new SplittableRandom(16);
    for (int i = 0; i < STEPS * BATCH; i++) {
      symbols.put(i, random.nextInt(SYMBOLS));
    }
    input = OnnxTensor.createTensor(OrtModels.ENV, symbols, new long[] {STEPS, BATCH});
    inputs = Map.of("input", input);
  }

  /**
   * The probabilities of every step of every sequence, copied out of the native tensor in one flat
   * buffer (ours returns Java arrays too).
   */
  @Benchmark
  public FloatBuffer predict() throws OrtException {
    try (OrtSession.Result r = session.run(inputs, OUTPUT)) {
      return ((OnnxTensor) r.get(0)).getFloatBuffer();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    input.close();
    session.close();
  }
}
