package dev.unroll.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class Seq2SeqSpecTest {
  private static final List<LayerSpec> BI_GRU = List.of(new LayerSpec(Cell.GRU, 5, true, 0f, 0f));
  private static final List<LayerSpec> LSTM_6 = List.of(new LayerSpec(Cell.LSTM, 6, false, 0f, 0f));

  @Test
  void additiveParametersAreNamedAndShapedAsFormatV2() {
    Seq2SeqSpec spec = new Seq2SeqSpec("M", 7, true, BI_GRU, LSTM_6, 9, Attention.ADDITIVE, 4, 9);
    List<String> names = spec.parameters().stream().map(Seq2SeqSpec.Tensor::name).toList();
    assertEquals(List.of("encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
        "encoder.weight_ih_l0_reverse", "encoder.weight_hh_l0_reverse", "encoder.bias_ih_l0_reverse",
        "encoder.bias_hh_l0_reverse", "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.bias_ih_l0",
        "decoder.bias_hh_l0", "bridge.weight", "bridge.bias", "attention.query.weight", "attention.key.weight",
        "attention.v.weight", "attention.combine.weight", "head.weight", "head.bias"), names);
    assertArrayEquals(new int[] {15, 7}, spec.parameters().get(0).shape());
    assertArrayEquals(new int[] {24, 9}, spec.parameters().get(8).shape());
    assertArrayEquals(new int[] {6, 10}, spec.parameters().get(12).shape());
    assertArrayEquals(new int[] {4, 10}, spec.parameters().get(15).shape());
    assertArrayEquals(new int[] {6, 16}, spec.parameters().get(17).shape());
  }

  @Test
  void impossibleDescriptionsAreRefused() {
    List<LayerSpec> biDecoder = List.of(new LayerSpec(Cell.LSTM, 6, true, 0f, 0f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Seq2SeqSpec("M", 7, true, BI_GRU, biDecoder, 9, Attention.NONE, 0, 9));
    assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Seq2SeqSpec("M", 7, true, BI_GRU, LSTM_6, 9, Attention.DOT, 0, 9));
    assertThrows(IllegalArgumentException.class,
        () -> new Seq2SeqSpec("M", 7, true, BI_GRU, LSTM_6, 9, Attention.ADDITIVE, 0, 9));
  }
}
