package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T2CharLargeNet;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingSession;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The heap that training T2 and a loaded I2 model take, per parameter. Run in a fresh JVM (Compare
 * forks one per configuration): {@code java -cp benchmarks.jar dev.unroll.benchmarks.Footprint T2}.
 * Prints one line {@code footprint <config> parameters=P live=L peak=K}:
 *
 * <ul>
 *   <li>live: the heap still reachable after the work, after a full GC, less the heap before the
 *       network was made (parameters, gradients, optimizer moments, workspaces, packed weights);
 *   <li>peak: the largest heap in use while the work ran (the sum of the heap pools' peaks since the
 *       network was made, less the same baseline; an upper bound, as pools peak at different times).
 * </ul>
 *
 * T2's work is a training session of 2 threads and three steps; I2's is the model made for
 * inference and one {@code predictBatch} of 128 sequences of 100 symbols.
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    String config = args.length == 0 ? "T2" : args[0].toUpperCase(Locale.ROOT);
    long baseline = liveHeap();
    resetPeaks();
    long parameters;
    Object keep;
    switch (config) {
      case "T2" -> {
        RecurrentNetwork net = new T2CharLargeNet();
        parameters = net.parameters().length;
        TrainingSession session = new TrainingSession(net, TrainingConfig.of(net.spec()).withThreads(2)
            .withClipping(5, 0), T2Training.STEPS, T2Training.BATCH);
        Batch batch = Fixtures.symbols(T2Training.STEPS, T2Training.BATCH, 65, 12);
        for (int i = 0; i < 3; i++) {
          session.step(batch);
        }
        keep = session;
      }
      case "I2" -> {
        RecurrentNetwork net = I2BatchPrediction.network();
        parameters = net.parameters().length;
        TrainedModel model = TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
        float[][] out = model.predictBatch(Fixtures.sequences(I2BatchPrediction.BATCH, I2BatchPrediction.STEPS, 65, 16));
        keep = List.of(model, out.length);
      }
      default -> throw new IllegalArgumentException("footprint of T2 or I2, not " + config);
    }
    long peak = peakHeap() - baseline;
    long live = liveHeap() - baseline;
    System.out.printf(Locale.ROOT, "footprint %s parameters=%d live=%d peak=%d%n", config, parameters, live, peak);
    // The session or model must still be reachable when the live heap is measured.
    Reference.reachabilityFence(keep);
  }

  /** The heap in use after full collections (repeated until it stops shrinking). */
  private static long liveHeap() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long used = 0;
      for (MemoryPoolMXBean p : heapPools()) {
        used += p.getUsage().getUsed();
      }
      if (used >= last) {
        return used;
      }
      last = used;
    }
    return last;
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean p : heapPools()) {
      peak += p.getPeakUsage().getUsed();
    }
    return peak;
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
