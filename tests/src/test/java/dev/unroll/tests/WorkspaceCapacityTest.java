package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.tests.models.CharLstmNet;
import org.junit.jupiter.api.Test;

/** A workspace whose buffers cannot fit one Java array is refused by size, before anything is allocated. */
class WorkspaceCapacityTest {

  /** 40000 steps of 20000 sequences of 4 * 64 gate rows would wrap an int (2^31) to a negative size. */
  @Test
  void aCapacityPastOneArrayIsAClearErrorNotAnOverflow() {
    CharLstmNet net = new CharLstmNet();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.newWorkspace(40_000, 20_000));
    assertTrue(e.getMessage().contains("steps=40000 and batch=20000") && e.getMessage().contains("smaller batch"),
        e.getMessage());
  }
}
