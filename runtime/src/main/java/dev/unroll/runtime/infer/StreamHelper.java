package dev.unroll.runtime.infer;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A second thread for the steps of one {@link FusedLstmStream} at a time: each layer of a step is
 * split in two halves of its units, the caller computing one and this helper the other, meeting
 * after every layer. A generation leases the helper for its whole length ({@link #lease}); when it
 * is taken (another generation holds it) or the machine has one core, the caller steps alone.
 *
 * <p>The two threads meet through two volatile counters rather than a lock or a queue: a step is a
 * few microseconds, so the helper spins while a generation runs (and parks once it has been idle
 * for a while), and nothing is allocated per step.
 */
final class StreamHelper {
  /** Spins before the idle helper parks (tens of microseconds). */
  private static final int SPINS_BEFORE_PARK = 50_000;
  /** Spins of a waiting caller between yields (when the machine is oversubscribed). */
  private static final int SPINS_BEFORE_YIELD = 2_000;
  /**
   * Steps whose wait for the helper needed a yield, after which a generation gives the helper up:
   * on an oversubscribed machine the helper is often descheduled, and a step then waits a whole
   * time slice for it (measured: 15 times slower than one thread with 25 runnable processes on 2 cores).
   */
  private static final int SLOW_STEPS_TOLERATED = 32;
  private static final StreamHelper SHARED =
      Runtime.getRuntime().availableProcessors() >= 2 && !Boolean.getBoolean("unroll.stream.singleThread")
          ? new StreamHelper() : null;

  private final ReentrantLock lease = new ReentrantLock();
  private Thread thread;
  /** The caller's phase: the helper computes its half of layer {@link #layer} once this passes its own. */
  private volatile long go;
  /** The helper's phase: the last one whose half is written. */
  private volatile long done;
  private volatile boolean parked;
  private volatile Throwable failure;
  private long phase;
  private int slowSteps;
  // The task of the current phase: written by the caller before the volatile write of go.
  private FusedLstmStream stream;
  private FusedLstmStream.Buffers buffers;
  private int layer;

  private StreamHelper() {}

  /** The helper, leased to the calling thread until {@link #release}, or null if it is taken or absent. */
  static StreamHelper lease() {
    StreamHelper h = SHARED;
    if (h == null || !h.lease.tryLock()) {
      return null;
    }
    h.slowSteps = 0;
    if (h.thread == null) {
      h.thread = new Thread(h::run, "unroll-stream-helper");
      h.thread.setDaemon(true);
      h.thread.start();
    }
    return h;
  }

  void release() {
    stream = null;
    buffers = null;
    lease.unlock();
  }

  /** One step of {@code s} over both threads; returns the logits. */
  float[] step(FusedLstmStream s, FusedLstmStream.Buffers b, int symbol) {
    b.symbol = symbol;
    for (int l = 0; l < s.layers(); l++) {
      stream = s;
      buffers = b;
      layer = l;
      long p = ++phase;
      go = p;
      if (parked) {
        LockSupport.unpark(thread);
      }
      s.layer(b, l, 0, 2, 0);
      awaitHelper(p);
    }
    return s.finish(b);
  }

  /** Whether the helper kept this generation waiting too often: it should step alone from now on. */
  boolean tooSlow() {
    return slowSteps > SLOW_STEPS_TOLERATED;
  }

  private void awaitHelper(long p) {
    int spins = 0;
    while (done < p) {
      if (++spins % SPINS_BEFORE_YIELD == 0) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
    if (spins >= SPINS_BEFORE_YIELD) {
      slowSteps++;
    }
    Throwable f = failure;
    if (f != null) {
      failure = null;
      throw new IllegalStateException("the stream helper thread failed", f);
    }
  }

  private void run() {
    long seen = 0;
    while (true) {
      int spins = 0;
      while (go == seen) {
        if (++spins < SPINS_BEFORE_PARK) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (go == seen) {
            LockSupport.park(this);
          }
          parked = false;
          spins = 0;
        }
      }
      seen = go;
      try {
        stream.layer(buffers, layer, 1, 2, 1);
      } catch (Throwable t) {
        failure = t;
      }
      done = seen;
    }
  }
}
