package dev.unroll.spark;

import dev.unroll.runtime.infer.TrainedModel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trained models of this JVM (an executor, or the driver in local mode): each loaded on first
 * use and kept for every later task and partition, since a {@link TrainedModel} is immutable and
 * shared safely by the task threads. Loading reads the weights and builds packed copies per
 * thread; doing it once per JVM instead of once per partition is what makes scoring many small
 * partitions cheap.
 */
public final class ExecutorModels {
  private static final ConcurrentMap<ModelSource, TrainedModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private ExecutorModels() {}

  /** The model from {@code source}, loaded by the first caller in this JVM. */
  public static TrainedModel get(ModelSource source) {
    return MODELS.computeIfAbsent(source, s -> {
      LOADS.incrementAndGet();
      return s.load();
    });
  }

  /** How many models this JVM has loaded so far (one per source, however many partitions ran). */
  public static int loads() {
    return LOADS.get();
  }
}
