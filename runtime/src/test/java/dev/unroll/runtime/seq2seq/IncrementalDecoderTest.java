package dev.unroll.runtime.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reordering a beam's states between rows, and the checks on what a step is given. */
class IncrementalDecoderTest {
  private static final Seq2SeqSpec SPEC = new Seq2SeqSpec("M", 4, true,
      List.of(new LayerSpec(Cell.GRU, 3, true, 0f, 0f)), List.of(new LayerSpec(Cell.LSTM, 4, false, 0f, 0f),
      new LayerSpec(Cell.LSTM, 4, false, 0f, 0f)), 5, Attention.ADDITIVE, 3, 5);

  private static Seq2SeqBatch sources() {
    Seq2SeqBatch b = new Seq2SeqBatch(3, 1, 2);
    b.sourceSymbols = new int[] {0, 3, 1, 2, 2, 1};
    b.sourceLengths = new int[] {3, 2};
    return b;
  }

  /** After reorder({1, 1}) both rows continue sequence 1's hypothesis: the same symbol gives the same step. */
  @Test
  void reorderedRowsContinueTheirParentsState() {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    net.initialize(4);
    // both rows attend over the same source, so that equal states give equal steps
    Seq2SeqBatch b = sources();
    b.sourceSymbols = new int[] {2, 2, 1, 1, 3, 3};
    b.sourceLengths = null;
    IncrementalDecoder decoder = new IncrementalDecoder(net, 3, 2);
    float[] state = decoder.newState();
    float[] next = decoder.newState();
    decoder.start(b, state);
    decoder.step(state, new int[] {0, 0}, next);
    decoder.step(next, new int[] {1, 4}, state); // the rows' hypotheses now differ
    decoder.step(state, new int[] {2, 2}, next);
    float[] logits = decoder.logits();
    assertFalse(Arrays.equals(Arrays.copyOfRange(logits, 0, 5), Arrays.copyOfRange(logits, 5, 10)));
    float[] reordered = decoder.newState();
    decoder.reorder(state, new int[] {1, 1}, reordered);
    decoder.step(reordered, new int[] {2, 2}, next);
    assertArrayEquals(Arrays.copyOfRange(logits, 5, 10), Arrays.copyOfRange(decoder.logits(), 0, 5));
    assertArrayEquals(Arrays.copyOfRange(logits, 5, 10), Arrays.copyOfRange(decoder.logits(), 5, 10));
  }

  @Test
  void aStateOfAnotherShapeIsRefusedNamingIt() {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    IncrementalDecoder decoder = new IncrementalDecoder(net, 3, 2);
    float[] state = decoder.newState();
    decoder.start(sources(), state);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> decoder.step(state, new int[] {0, 0}, new float[7]));
    assertTrue(e.getMessage().startsWith("next must be a state of this decoder (newState(): 32 floats), had 7"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> decoder.step(state, new int[] {0, 0}, state));
    assertTrue(e.getMessage().contains("different arrays"), e.getMessage());
  }
}
