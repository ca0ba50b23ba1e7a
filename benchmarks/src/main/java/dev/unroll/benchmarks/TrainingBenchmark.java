package dev.unroll.benchmarks;

import dev.unroll.dsl.Optimizer;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingSession;
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
 * One real training step per invocation: {@link TrainingSession#step} (forward, loss and backward
 * across {@link #threads} data-parallel workers, clipping by global norm 5, one Adam update) on a
 * fixed random batch. Each configuration is a subclass; JMH runs the inherited {@link #step} for
 * each. Run with {@code -prof gc} for the bytes allocated per step ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class TrainingBenchmark {

  /** Data-parallel workers of the training session. */
  @Param({"1", "2"})
  public int threads;

  private TrainingSession session;
  private Batch batch;

  /** A freshly initialised network of this configuration. */
  protected abstract RecurrentNetwork network();

  /** The fixed batch every step trains on, with its targets. */
  protected abstract Batch batch();

  @Setup(Level.Trial)
  public void setUp() {
    KernelCheck.requireVector();
    RecurrentNetwork net = network();
    TrainingConfig config = TrainingConfig.of(net.spec()).withThreads(threads).withClipping(5, 0);
    if (config.declared().optimizer() != Optimizer.ADAM) {
      throw new IllegalStateException(net.spec().name() + " must declare Adam, declares " + config.declared().optimizer());
    }
    batch = batch();
    session = new TrainingSession(net, config, batch.steps, batch.size);
  }

  /** One optimizer step; returns the loss so that nothing is optimised away. */
  @Benchmark
  public float step() {
    return session.step(batch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }
}
