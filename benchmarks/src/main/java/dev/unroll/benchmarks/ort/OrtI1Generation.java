package dev.unroll.benchmarks.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.unroll.benchmarks.models.I1GeneratorNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
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
 * I1 in ONNX Runtime: {@value #SYMBOLS} symbols from the step graph of {@link I1GeneratorNet}
 * (exported by Unroll), each sampled from softmax(logits / 0.8) in Java and fed back, from a zero
 * state, with {@link #intraOpThreads} threads.
 *
 * <p>ONNX Runtime at its best for streaming: every tensor is made once over a direct buffer and
 * reused; the states go back and forth between two sets of tensors (this step's inputs are the
 * previous step's pinned outputs), so no step allocates a tensor or copies a state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrtI1Generation {
  static final int SYMBOLS = 2000;
  private static final int VOCABULARY = 65;
  private static final int HIDDEN = 256;
  private static final double TEMPERATURE = 0.8;
  private static final String[] STATES = {"h_l0", "c_l0", "h_l1", "c_l1"};

  /** ONNX Runtime's intra-op threads. */
  @Param({"1", "2"})
  public int intraOpThreads;

  private OrtSession session;
  private LongBuffer symbol;
  private FloatBuffer logits;
  /** Two sets of state buffers and tensors: [set][state]. */
  private final FloatBuffer[][] state = new FloatBuffer[2][STATES.length];
  private final OnnxTensor[][] stateTensors = new OnnxTensor[2][STATES.length];
  /** Inputs and pinned outputs when the current state is set 0, and when it is set 1. */
  private final Map<String, OnnxTensor>[] inputs = newMaps();
  private final Map<String, OnnxTensor>[] outputs = newMaps();
  private OnnxTensor symbolTensor;
  private OnnxTensor logitsTensor;
  private final double[] weights = new double[VOCABULARY];

  @SuppressWarnings("unchecked")
  private static Map<String, OnnxTensor>[] newMaps() {
    return new Map[] {new HashMap<>(), new HashMap<>()};
  }

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    session = OrtModels.step(new I1GeneratorNet(), intraOpThreads);
    symbol = direct(Long.BYTES).asLongBuffer();
    symbolTensor = OnnxTensor.createTensor(OrtModels.ENV, symbol, new long[] {1});
    logits = direct(VOCABULARY * Float.BYTES).asFloatBuffer();
    logitsTensor = OnnxTensor.createTensor(OrtModels.ENV, logits, new long[] {1, VOCABULARY});
    for (int set = 0; set < 2; set++) {
      for (int s = 0; s < STATES.length; s++) {
        state[set][s] = direct(HIDDEN * Float.BYTES).asFloatBuffer();
        stateTensors[set][s] = OnnxTensor.createTensor(OrtModels.ENV, state[set][s], new long[] {1, 1, HIDDEN});
      }
    }
    for (int set = 0; set < 2; set++) {
      inputs[set].put("input", symbolTensor);
      outputs[set].put("logits", logitsTensor);
      for (int s = 0; s < STATES.length; s++) {
        inputs[set].put(STATES[s], stateTensors[set][s]);
        // h_l0 -> h_n_l0 and so on, written into the other set
        outputs[set].put(STATES[s].charAt(0) + "_n_" + STATES[s].substring(2), stateTensors[1 - set][s]);
      }
    }
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  /** Generates {@value #SYMBOLS} symbols from a zero state; returns the last, so nothing is optimised away. */
  @Benchmark
  public int generate() throws OrtException {
    for (int s = 0; s < STATES.length; s++) {
      FloatBuffer b = state[0][s];
      for (int i = 0; i < HIDDEN; i++) {
        b.put(i, 0f);
      }
    }
    SplittableRandom random = new SplittableRandom(17);
    int next = random.nextInt(VOCABULARY);
    int set = 0;
    for (int t = 0; t < SYMBOLS; t++) {
      symbol.put(0, next);
      session.run(inputs[set], outputs[set]).close();
      set = 1 - set;
      next = sample(random);
    }
    return next;
  }

  /** A symbol drawn from softmax(logits / temperature), by the inverse of the cumulative weights. */
  private int sample(SplittableRandom random) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < VOCABULARY; i++) {
      max = Math.max(max, logits.get(i));
    }
    double total = 0;
    for (int i = 0; i < VOCABULARY; i++) {
      weights[i] = Math.exp((logits.get(i) - max) / TEMPERATURE);
      total += weights[i];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < VOCABULARY - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return VOCABULARY - 1;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    symbolTensor.close();
    logitsTensor.close();
    for (OnnxTensor[] set : stateTensors) {
      for (OnnxTensor t : set) {
        t.close();
      }
    }
    session.close();
  }
}
