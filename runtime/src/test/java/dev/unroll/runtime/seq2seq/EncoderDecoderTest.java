package dev.unroll.runtime.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderDecoderTest {
  private static final Seq2SeqSpec SPEC = new Seq2SeqSpec("M", 3, true,
      List.of(new LayerSpec(Cell.LSTM, 2, true, 0f, 0f)), List.of(new LayerSpec(Cell.GRU, 4, false, 0f, 0f)), 5,
      Attention.DOT, 0, 5);

  private static Seq2SeqBatch batch() {
    Seq2SeqBatch b = new Seq2SeqBatch(3, 2, 2);
    b.sourceSymbols = new int[] {0, 1, 2, 0, 1, 0};
    b.sourceLengths = new int[] {3, 2};
    b.decoderInput = new int[] {0, 0, 3, 4};
    b.targets = new int[] {3, 4, 1, 1};
    return b;
  }

  @Test
  void aBatchWithABadLengthIsRefusedNamingTheField() {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    Seq2SeqBatch b = batch();
    b.sourceLengths = new int[] {3, 0};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.forward(net.newWorkspace(3, 2, 2), b));
    assertTrue(e.getMessage().contains("sourceLengths[1] must be in [1, 3], was 0"), e.getMessage());
  }

  /** Padding a sequence's source beyond its length changes nothing it computes. */
  @Test
  void paddedSourcePositionsChangeNothing() {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    net.initialize(3);
    Seq2SeqWorkspace ws = net.newWorkspace(3, 2, 2);
    Seq2SeqBatch b = batch();
    net.forward(ws, b);
    float[] logits = ws.logits().clone();
    b.sourceSymbols[2 * 2 + 1] = 2; // step 2 of sequence 1, past its length 2
    net.forward(ws, b);
    assertArrayEquals(logits, ws.logits());
    assertEquals(0f, ws.attention()[(0 * 2 + 1) * 3 + 2]);
  }

  @Test
  void weightsRoundTripThroughSafetensorsUnderTheirPyTorchNames(@TempDir Path dir) throws IOException {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    net.initialize(11);
    Path file = dir.resolve("m.safetensors");
    net.saveWeights(file, Map.of());
    EncoderDecoder other = new InterpretedEncoderDecoder(SPEC);
    other.loadWeights(file);
    assertArrayEquals(net.parameters(), other.parameters());
    assertEquals("encoder.weight_ih_l0,encoder.weight_hh_l0,encoder.bias_ih_l0,encoder.bias_hh_l0,"
        + "encoder.weight_ih_l0_reverse,encoder.weight_hh_l0_reverse,encoder.bias_ih_l0_reverse,"
        + "encoder.bias_hh_l0_reverse,decoder.weight_ih_l0,decoder.weight_hh_l0,decoder.bias_ih_l0,decoder.bias_hh_l0,"
        + "bridge.weight,bridge.bias,attention.combine.weight,head.weight,head.bias",
        SafeTensors.read(file).metadata().get("parameters"));
  }
}
