package dev.unroll.spark;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.kernel.Kernels;
import dev.unroll.spark.models.BenchLstmNet;
import dev.unroll.spark.models.BenchLstmWideNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.train.MicroBatches;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Steps per second of synchronous data-parallel training on a local master with 1 and 2 worker
 * threads, and where a step's time goes (compute of the busiest partition, the driver's update,
 * the rest: communication), for a small and a larger model; then the cost of the alternative
 * exchange, a barrier stage's all-gather of the same gradients. Not a test: a table to read.
 * Run with {@code mvn -pl spark -am verify -Pscaling -DskipTests} (see spark/README.md).
 */
public final class ScalingBenchmark {
  private static final int MEASURED_STEPS = 12;
  private static final int WARM_UP_STEPS = 4;

  public static void main(String[] args) {
    System.out.println("kernels: " + Kernels.active() + ", cores: " + Runtime.getRuntime().availableProcessors()
        + ", spark.locality.wait: " + System.getProperty("spark.locality.wait", "3s"));
    System.out.printf("%-14s %10s %8s %10s %9s %11s %9s %9s %13s%n", "model", "params", "workers", "steps/s",
        "ms/step", "compute ms", "update ms", "comm %", "bytes/step");
    for (Supplier<RecurrentNetwork> model : List.<Supplier<RecurrentNetwork>>of(BenchLstmNet::new,
        BenchLstmWideNet::new)) {
      singleJvm(model.get());
      for (int workers : new int[] {1, 2}) {
        spark(model, workers);
      }
    }
    barrierExchange(new BenchLstmNet().parameters().length);
    barrierExchange(new BenchLstmWideNet().parameters().length);
  }

  private static List<Example> data(RecurrentNetwork net, int count) {
    Random r = new Random(1);
    int v = net.spec().input().size();
    int t = net.spec().steps();
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] s = new int[t];
      int[] next = new int[t];
      for (int k = 0; k < t; k++) {
        s[k] = r.nextInt(v);
        next[k] = r.nextInt(v);
      }
      out.add(Example.taggedSymbols(s, next));
    }
    return out;
  }

  private static int examples(RecurrentNetwork net) {
    return net.spec().training().batchSize() * (WARM_UP_STEPS + MEASURED_STEPS);
  }

  /** The single-machine session on one thread, the baseline a worker's compute compares to. */
  private static void singleJvm(RecurrentNetwork net) {
    SequenceDataset data = new SequenceDataset(data(net, examples(net)), 0, net.spec().head().size(), true);
    TrainingConfig config = TrainingConfig.of(net.spec()).withThreads(1);
    int batch = config.declared().batchSize();
    try (TrainingSession session = new TrainingSession(net, config, net.spec().steps(), batch)) {
      Batch b = new Batch();
      long started = 0;
      for (int s = 0; s < WARM_UP_STEPS + MEASURED_STEPS; s++) {
        if (s == WARM_UP_STEPS) {
          started = System.nanoTime();
        }
        data.fillBatch(data.order(), s * batch, batch, net.spec().steps(), b);
        session.step(b);
      }
      double ms = (System.nanoTime() - started) / 1e6 / MEASURED_STEPS;
      System.out.printf("%-14s %10d %8s %10.2f %9.1f %11s %9s %9s %13s%n", net.spec().name(),
          net.parameters().length, "1 JVM", 1000 / ms, ms, "-", "-", "-", "0");
    }
  }

  private static SparkSession session(int workers) {
    return SparkSession.builder().master("local[" + workers + "]").appName("unroll-scaling")
        .config("spark.locality.wait", System.getProperty("spark.locality.wait", "3s"))
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.warehouse.dir", "target/spark-warehouse").getOrCreate();
  }

  private static void spark(Supplier<RecurrentNetwork> model, int workers) {
    RecurrentNetwork net = model.get();
    SparkSession spark = session(workers);
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      long[] totals = new long[3];
      int[] counted = new int[1];
      TrainingConfig config = TrainingConfig.of(net.spec()).withEpochs(1);
      new SparkTrainer(spark, net, config, workers).listen((step, loss, stepNanos, computeNanos, reduceNanos) -> {
        if (step > WARM_UP_STEPS) {
          totals[0] += stepNanos;
          totals[1] += computeNanos;
          totals[2] += reduceNanos;
          counted[0]++;
        }
      }).fit(sc.parallelize(data(net, examples(net)), workers));
      double ms = totals[0] / 1e6 / counted[0];
      double compute = totals[1] / 1e6 / counted[0];
      double update = totals[2] / 1e6 / counted[0];
      long p = net.parameters().length;
      int micro = MicroBatches.count(config.declared().batchSize());
      // parameters to every task, one gradient back per micro-batch
      long bytes = 4 * p * (workers + micro);
      System.out.printf("%-14s %10d %8d %10.2f %9.1f %11.1f %9.1f %8.0f%% %13d%n", net.spec().name(), p, workers,
          1000 / ms, ms, compute, update, 100 * (ms - compute - update) / ms, bytes);
    } finally {
      spark.stop();
    }
  }

  /**
   * The alternative to a job per step: one long barrier stage whose tasks exchange their gradients
   * with {@code allGather} every step. Times one all-gather of a gradient of {@code parameters}
   * floats (Base64 text, the only payload allGather takes) between 2 tasks.
   */
  private static void barrierExchange(int parameters) {
    SparkSession spark = session(2);
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int rounds = 10;
      scala.Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Long>> exchange =
          (scala.Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Long>> & Serializable) it -> {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            String message = Base64.getEncoder().encodeToString(new byte[4 * parameters]);
            ctx.allGather(message);
            long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
              ctx.allGather(message);
            }
            return CollectionConverters.asScala(List.of((System.nanoTime() - started) / rounds).iterator());
          };
      ClassTag<Long> tag = ClassTag$.MODULE$.apply(Long.class);
      List<Long> nanos = JavaRDD.fromRDD(sc.parallelize(List.of(0, 1), 2).rdd().barrier()
          .mapPartitions(exchange, false, tag), tag).collect();
      System.out.printf("barrier allGather of %d floats between 2 tasks: %.1f ms per exchange%n", parameters,
          nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
    } finally {
      spark.stop();
    }
  }
}
