package dev.unroll.runtime.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void everyPartRunsOnceAndPartZeroOnTheCaller() {
    try (WorkerPool pool = new WorkerPool(3, "test")) {
      int[] runs = new int[3];
      Thread[] threads = new Thread[3];
      pool.run(3, part -> {
        runs[part]++;
        threads[part] = Thread.currentThread();
      });
      assertArrayEquals(new int[] {1, 1, 1}, runs);
      assertEquals(Thread.currentThread(), threads[0]);
      assertNotEquals(threads[1], threads[2]);
    }
  }

  @Test
  void manyShortRunsCompleteWithoutLosingWork() {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      AtomicLong sum = new AtomicLong();
      for (int i = 0; i < 20_000; i++) {
        pool.run(2, part -> sum.addAndGet(part + 1));
      }
      assertEquals(60_000, sum.get());
    }
  }

  @Test
  void aFailingPartIsRethrownAndThePoolStaysUsable() {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(2, part -> {
        if (part == 1) {
          throw new IllegalStateException("part 1 failed");
        }
      }));
      assertEquals("part 1 failed", e.getMessage());
      int[] runs = new int[2];
      pool.run(2, part -> runs[part]++);
      assertArrayEquals(new int[] {1, 1}, runs);
    }
  }

  @Test
  void tooManyPartsAreRefusedAndAClosedPoolRunsInline() {
    WorkerPool pool = new WorkerPool(2, "test");
    assertThrows(IllegalArgumentException.class, () -> pool.run(3, part -> {}));
    pool.close();
    Thread[] threads = new Thread[2];
    pool.run(2, part -> threads[part] = Thread.currentThread());
    assertEquals(Thread.currentThread(), threads[1]);
  }
}
