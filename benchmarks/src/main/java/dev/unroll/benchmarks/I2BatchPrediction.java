package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.I2BatchInferenceNet;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * I2: batch inference through the public inference API. One invocation is {@link
 * TrainedModel#predictBatch} of {@value #BATCH} sequences of {@value #STEPS} symbols: one forward
 * pass and the softmax of every step's logits, on one thread. Sequences per second are
 * {@value #BATCH} / (seconds per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class I2BatchPrediction {
  static final int STEPS = 100;
  static final int BATCH = 128;

  private TrainedModel model;
  private List<int[]> sequences;

  /** The network, with its declared seed's weights (the speed does not depend on their values). */
  static RecurrentNetwork network() {
    return new I2BatchInferenceNet();
  }

  @Setup(Level.Trial)
  public void setUp() {
    KernelCheck.requireVector();
    RecurrentNetwork net = network();
    model = TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    sequences = Fixtures.sequences(BATCH, STEPS, 65, 16);
  }

  /** Probabilities {@code [B][T * 65]} of every step of every sequence. */
  @Benchmark
  public float[][] predict() {
    return model.predictBatch(sequences);
  }
}
