package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.I1GeneratorNet;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * I1: streaming generation through the public inference API. One invocation resets one
 * long-lived {@link StreamState} and runs {@link TrainedModel#generate(StreamState,
 * int[], int[], double, int, SplittableRandom)} of {@link #symbols} symbols (default {@value
 * #SYMBOLS}), each sampled from softmax(logits / 0.8) and fed back one step at a time. Symbols per
 * second are {@link #symbols} / (seconds per invocation). {@link #threads} 2 lets each step's
 * layers be split over two cores (the runtime's stream helper); 1 keeps generation on the calling
 * thread.
 *
 * <p>The state, the output array and the random source are made once, as a streaming generator
 * keeps them: {@code generate(int[], ...)} makes a new state per call (a workspace and the weights
 * packed again, about 7.4 MB for this model), which is set-up, not generation. So the bytes
 * allocated per invocation ({@code -prof gc}) are what generation itself allocates; running two
 * lengths ({@code -p symbols=200,2000}) separates a per-symbol cost from a per-call one. The random
 * stream runs on across invocations: which symbols are drawn does not change the work of a step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class I1Generation {
  /** Symbols generated per invocation by default (the configuration's figure). */
  static final int SYMBOLS = 2000;
  static final double TEMPERATURE = 0.8;
  /** No prime: the first symbol is drawn uniformly, then every symbol comes from the model. */
  private static final int[] PRIME = new int[0];

  /** 1: generation on the calling thread alone; 2: with the runtime's stream helper. */
  @Param({"1", "2"})
  public int threads;

  /** Symbols generated per invocation. */
  @Param({"2000"})
  public int symbols;

  private TrainedModel model;
  private StreamState state;
  private int[] out;
  private SplittableRandom random;

  /** The network, with its declared seed's weights (the speed does not depend on their values). */
  static RecurrentNetwork network() {
    return new I1GeneratorNet();
  }

  @Setup(Level.Trial)
  public void setUp() {
    KernelCheck.requireVector();
    // Read once, when the runtime's stream helper is first used in this (forked) JVM.
    System.setProperty("unroll.stream.singleThread", Boolean.toString(threads == 1));
    RecurrentNetwork net = network();
    model = TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    state = model.newState();
    out = new int[symbols];
    random = new SplittableRandom(17);
  }

  /** Generates {@link #symbols} symbols (all of top-k: topK 0); returns the last so nothing is optimised away. */
  @Benchmark
  public int generate() {
    model.reset(state);
    model.generate(state, PRIME, out, TEMPERATURE, 0, random);
    return out[out.length - 1];
  }
}
