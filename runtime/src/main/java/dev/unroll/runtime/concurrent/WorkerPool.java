package dev.unroll.runtime.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one piece of work split by index, {@code work.run(i)} for
 * {@code i < parts}, with the calling thread taking part 0. Unlike an executor it allocates
 * nothing per call (no tasks, no futures), so a training or inference step stays allocation-free,
 * and it hands work over with a short spin before parking, which matters when a step lasts only
 * microseconds. Calls must come from one thread at a time.
 */
public final class WorkerPool implements AutoCloseable {

  /** Work split into parts by index. */
  @FunctionalInterface
  public interface Work {
    void run(int part);
  }

  private final Thread[] threads;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile long generation;
  private volatile boolean closed;
  private volatile Work work;
  private volatile int parts;
  private final Throwable[] failures;
  private volatile Thread caller;

  /** A pool of {@code size} parallel parts: the caller plus {@code size - 1} daemon threads. */
  public WorkerPool(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, was " + size);
    }
    threads = new Thread[size - 1];
    failures = new Throwable[size];
    for (int i = 0; i < threads.length; i++) {
      int part = i + 1;
      Thread t = new Thread(() -> loop(part), name + "-" + part);
      t.setDaemon(true);
      threads[i] = t;
      t.start();
    }
  }

  /** How many parts can run at once. */
  public int size() {
    return threads.length + 1;
  }

  /**
   * Runs {@code work.run(i)} for every {@code i < parts} (at most {@link #size()}), part 0 on the
   * calling thread, and returns when all are done. An exception in any part is rethrown here.
   */
  public void run(int parts, Work work) {
    if (parts > size()) {
      throw new IllegalArgumentException(parts + " parts for a pool of " + size());
    }
    if (parts <= 1 || closed) {
      for (int i = 0; i < parts; i++) {
        work.run(i);
      }
      return;
    }
    this.work = work;
    this.parts = parts;
    this.caller = Thread.currentThread();
    pending.set(parts - 1);
    generation++;
    for (int i = 0; i < parts - 1; i++) {
      LockSupport.unpark(threads[i]);
    }
    try {
      work.run(0);
    } catch (RuntimeException | Error e) {
      failures[0] = e;
    }
    for (int spins = 0; pending.get() > 0; spins++) {
      if (spins < 20_000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, 50_000);
      }
    }
    this.work = null;
    rethrow();
  }

  private void rethrow() {
    for (int i = 0; i < failures.length; i++) {
      Throwable f = failures[i];
      if (f != null) {
        failures[i] = null;
        if (f instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) f;
      }
    }
  }

  private void loop(int part) {
    long seen = 0;
    while (!closed) {
      long g = generation;
      if (g == seen) {
        // Spin a little first: the next step usually arrives within microseconds.
        for (int spins = 0; spins < 20_000 && generation == seen && !closed; spins++) {
          Thread.onSpinWait();
        }
        if (generation == seen && !closed) {
          LockSupport.park(this);
        }
        continue;
      }
      seen = g;
      if (part < parts) {
        try {
          work.run(part);
        } catch (RuntimeException | Error e) {
          failures[part] = e;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
  }
}
