package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {
  private static ParameterSlot slot(String name, int offset, int... shape) {
    return new ParameterSlot(name, shape, offset);
  }

  /** A single-layer LSTM, I = 3, H = 2: 4H x I, 4H x H, 4H, 4H. */
  private static List<ParameterSlot> lstm() {
    return List.of(
        slot("rnn.weight_ih_l0", 0, 8, 3),
        slot("rnn.weight_hh_l0", 24, 8, 2),
        slot("rnn.bias_ih_l0", 40, 8),
        slot("rnn.bias_hh_l0", 48, 8));
  }

  @Test
  void packedLayoutIsAccepted() {
    ParameterLayout layout = new ParameterLayout(lstm());
    assertEquals(56, layout.size());
    assertEquals(lstm(), layout.slots());
    assertTrue(layout.contains("rnn.bias_ih_l0"));
    assertFalse(layout.contains("rnn.bias_ih_l1"));
    ParameterSlot s = layout.slot("rnn.weight_hh_l0");
    assertEquals(24, s.offset());
    assertEquals(16, s.length());
    assertArrayEquals(new int[] {8, 2}, s.shape());
  }

  @Test
  void emptyLayoutHasSizeZero() {
    assertEquals(0, new ParameterLayout(List.of()).size());
  }

  @Test
  void gapIsRejectedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParameterLayout(List.of(
            slot("rnn.weight_ih_l0", 0, 8, 3),
            slot("rnn.weight_hh_l0", 25, 8, 2))));
    assertTrue(e.getMessage().contains("rnn.weight_hh_l0"), e.getMessage());
    assertTrue(e.getMessage().contains("25") && e.getMessage().contains("24"), e.getMessage());
  }

  @Test
  void firstSlotMustStartAtZero() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParameterLayout(List.of(slot("head.weight", 4, 2, 2))));
    assertTrue(e.getMessage().contains("head.weight"), e.getMessage());
  }

  @Test
  void overlapIsRejectedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParameterLayout(List.of(
            slot("rnn.weight_ih_l0", 0, 8, 3),
            slot("rnn.weight_hh_l0", 24, 8, 2),
            slot("rnn.bias_ih_l0", 39, 8))));
    assertTrue(e.getMessage().contains("rnn.bias_ih_l0"), e.getMessage());
    assertTrue(e.getMessage().contains("39") && e.getMessage().contains("40"), e.getMessage());
  }

  @Test
  void duplicateNameIsRejectedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParameterLayout(List.of(
            slot("rnn.bias_ih_l0", 0, 8),
            slot("rnn.bias_hh_l0", 8, 8),
            slot("rnn.bias_ih_l0", 16, 8))));
    assertTrue(e.getMessage().contains("rnn.bias_ih_l0"), e.getMessage());
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    ParameterLayout layout = new ParameterLayout(lstm());
    NoSuchElementException e = assertThrows(NoSuchElementException.class,
        () -> layout.slot("rnn.weight_ih_l1"));
    String msg = e.getMessage();
    assertTrue(msg.contains("rnn.weight_ih_l1"), msg);
    for (ParameterSlot s : lstm()) {
      assertTrue(msg.contains(s.name()), msg + " should list " + s.name());
    }
    assertThrows(NoSuchElementException.class, () -> layout.copyOf(new float[56], "nope"));
  }

  @Test
  void copyOfCopiesTheRightSlice() {
    ParameterLayout layout = new ParameterLayout(lstm());
    float[] flat = new float[layout.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = i;
    }
    float[] hh = layout.copyOf(flat, "rnn.weight_hh_l0");
    assertEquals(16, hh.length);
    for (int i = 0; i < 16; i++) {
      assertEquals(24 + i, hh[i]);
    }
    float[] last = layout.copyOf(flat, "rnn.bias_hh_l0");
    assertArrayEquals(new float[] {48, 49, 50, 51, 52, 53, 54, 55}, last);
    hh[0] = -1;
    assertEquals(24f, flat[24], "copyOf must return a copy");
  }

  @Test
  void layoutIsNotAffectedByLaterChangesToTheInputs() {
    List<ParameterSlot> slots = new ArrayList<>(lstm());
    ParameterLayout layout = new ParameterLayout(slots);
    slots.clear();
    assertEquals(4, layout.slots().size());
    assertThrows(UnsupportedOperationException.class, () -> layout.slots().clear());

    int[] shape = {2, 3};
    ParameterSlot s = new ParameterSlot("w", shape, 0);
    shape[0] = 100;
    assertEquals(6, s.length());
    s.shape()[1] = 100;
    assertEquals(6, s.length());
    ParameterLayout one = new ParameterLayout(List.of(s));
    assertSame(s, one.slot("w"));
    assertEquals(new ParameterSlot("w", new int[] {2, 3}, 0), s);
  }
}
