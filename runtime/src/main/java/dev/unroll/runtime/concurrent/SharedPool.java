package dev.unroll.runtime.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One process-wide team of threads, one per core, for spreading a single caller's work (a batch
 * of sequences to predict) over the cores. One caller uses it at a time: a caller that finds it
 * busy, because other threads are already keeping the cores busy, runs its parts itself.
 */
public final class SharedPool {
  private SharedPool() {}

  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static volatile WorkerPool pool;

  /** How many parts {@link #run} splits work into when the team is free. */
  public static int parts() {
    return CORES;
  }

  /**
   * Runs {@code work.run(i)} for {@code i < parts} ({@code parts <= } {@link #parts()}), in
   * parallel when the team is free, else one after another on the calling thread.
   */
  public static void run(int parts, WorkerPool.Work work) {
    if (parts <= 1 || CORES == 1 || !BUSY.compareAndSet(false, true)) {
      for (int i = 0; i < parts; i++) {
        work.run(i);
      }
      return;
    }
    try {
      team().run(parts, work);
    } finally {
      BUSY.set(false);
    }
  }

  private static WorkerPool team() {
    WorkerPool p = pool;
    if (p == null) {
      synchronized (SharedPool.class) {
        p = pool;
        if (p == null) {
          pool = p = new WorkerPool(CORES, "unroll-shared");
        }
      }
    }
    return p;
  }
}
