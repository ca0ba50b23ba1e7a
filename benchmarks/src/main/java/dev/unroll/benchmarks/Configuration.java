package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T1CharSmallNet;
import dev.unroll.benchmarks.models.T2CharLargeNet;
import dev.unroll.benchmarks.models.T3ForecasterNet;
import dev.unroll.benchmarks.models.T4TaggerNet;
import dev.unroll.benchmarks.ort.OrtI1Generation;
import dev.unroll.benchmarks.ort.OrtI2BatchPrediction;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import java.util.function.Supplier;

/**
 * The configurations of BENCHMARKS.md: which JMH benchmark measures each, how much work one
 * invocation does, and how its time turns into the configuration's unit.
 */
enum Configuration {
  T1("char-rnn small, LSTM 2x128, T=50, B=50", T1Training.class, "step", Kind.TRAINING,
      T1Training.STEPS, T1Training.BATCH, T1CharSmallNet::new),
  T2("char-rnn large, LSTM 2x512, T=100, B=64", T2Training.class, "step", Kind.TRAINING,
      T2Training.STEPS, T2Training.BATCH, T2CharLargeNet::new),
  T3("forecaster, GRU 1x32, T=48, B=16", T3Training.class, "step", Kind.TRAINING,
      T3Training.STEPS, T3Training.BATCH, T3ForecasterNet::new),
  T4("tagger, biGRU 128, T=40, B=32", T4Training.class, "step", Kind.TRAINING,
      T4Training.STEPS, T4Training.BATCH, T4TaggerNet::new),
  I1("generation, LSTM 2x256, 2000 symbols", I1Generation.class, "generate", Kind.GENERATION,
      I1Generation.SYMBOLS, 1, I1Generation::network, OrtI1Generation.class),
  I2("batch inference, LSTM 2x256, T=100, B=128", I2BatchPrediction.class, "predict", Kind.BATCH_INFERENCE,
      I2BatchPrediction.STEPS, I2BatchPrediction.BATCH, I2BatchPrediction::network, OrtI2BatchPrediction.class);

  /** What one benchmark invocation is, which decides the unit results are reported in. */
  enum Kind {
    /** One optimizer step; reported in ms per step (lower is better). */
    TRAINING("ms/step", "step", false),
    /** Symbols generated one at a time; reported in symbols per second (higher is better). */
    GENERATION("symbols/s", "generation of 2000 symbols", true),
    /** One forward pass over a batch; reported in sequences per second (higher is better). */
    BATCH_INFERENCE("sequences/s", "batch of 128 sequences", true);

    final String unit;
    final String operation;
    final boolean higherIsBetter;

    Kind(String unit, String operation, boolean higherIsBetter) {
      this.unit = unit;
      this.operation = operation;
      this.higherIsBetter = higherIsBetter;
    }
  }

  private final String description;
  private final Class<?> benchmark;
  private final String method;
  private final Kind kind;
  private final int steps;
  private final int batch;
  private final Supplier<RecurrentNetwork> network;
  private final Class<?> ortBenchmark;
  private ModelSpec spec;

  Configuration(String description, Class<?> benchmark, String method, Kind kind, int steps, int batch,
      Supplier<RecurrentNetwork> network) {
    this(description, benchmark, method, kind, steps, batch, network, null);
  }

  Configuration(String description, Class<?> benchmark, String method, Kind kind, int steps, int batch,
      Supplier<RecurrentNetwork> network, Class<?> ortBenchmark) {
    this.ortBenchmark = ortBenchmark;
    this.description = description;
    this.benchmark = benchmark;
    this.method = method;
    this.kind = kind;
    this.steps = steps;
    this.batch = batch;
    this.network = network;
  }

  String id() {
    return name();
  }

  String description() {
    return description;
  }

  Kind kind() {
    return kind;
  }

  String unit() {
    return kind.unit;
  }

  String operation() {
    return kind.operation;
  }

  /** Our JMH benchmark of this configuration. */
  Class<?> benchmark() {
    return benchmark;
  }

  /** The benchmark method, in ours and in ONNX Runtime's. */
  String method() {
    return method;
  }

  /** ONNX Runtime's JMH benchmark of this configuration (parameter {@code intraOpThreads}), or null. */
  Class<?> ortBenchmark() {
    return ortBenchmark;
  }

  /** The architecture (built once: T2's network holds a few megabytes of parameters). */
  synchronized ModelSpec spec() {
    if (spec == null) {
      spec = network.get().spec();
    }
    return spec;
  }

  /** The usual flop count of one benchmark invocation (see {@link Flops}). */
  double flopsPerOperation() {
    return switch (kind) {
      case TRAINING -> Flops.trainingStep(spec(), steps, batch);
      // Each generated symbol is one step of one sequence through the whole network.
      case GENERATION -> Flops.forward(spec(), 1, 1) * steps;
      case BATCH_INFERENCE -> Flops.forward(spec(), steps, batch);
    };
  }

  /** The configuration's figure for one invocation taking {@code millis}. */
  double figure(double millis) {
    return switch (kind) {
      case TRAINING -> millis;
      case GENERATION -> steps / (millis / 1000);
      case BATCH_INFERENCE -> batch / (millis / 1000);
    };
  }

  /** How many times faster ours is than theirs (> 1: ours is faster), both in this unit. */
  double speedup(double ours, double theirs) {
    return kind.higherIsBetter ? ours / theirs : theirs / ours;
  }
}
