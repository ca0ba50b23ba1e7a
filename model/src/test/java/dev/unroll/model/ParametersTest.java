package dev.unroll.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {

  private static ModelSpec model(InputSpec input, List<LayerSpec> layers, boolean learned, int steps) {
    return new ModelSpec("M", steps, input, layers, learned, new HeadSpec(3, Activation.SOFTMAX, HeadMode.MANY_TO_MANY),
        Loss.CROSS_ENTROPY, Initialization.PYTORCH_DEFAULT, 0f, TrainingSpec.defaults());
  }

  /** PyTorch's state_dict order and sizes for an embedding, a bidirectional peephole LSTM, a GRU and h0/c0. */
  @Test
  void layoutFollowsPyTorchNamesOrderAndSizes() {
    ModelSpec m = model(new InputSpec(InputKind.EMBEDDING, 11, 4),
        List.of(new LayerSpec(Cell.LSTM_PEEPHOLE, 5, true, 0, 0), new LayerSpec(Cell.GRU, 5, false, 0, 0)), true, 6);
    Parameters p = Parameters.of(m);
    List<String> names = p.tensors().stream().map(Parameters.Tensor::name).toList();
    assertEquals(List.of("embedding.weight",
        "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_peephole_l0",
        "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0_reverse", "rnn.bias_hh_l0_reverse",
        "rnn.weight_peephole_l0_reverse",
        "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
        "h0", "c0", "head.weight", "head.bias"), names);
    long lstmDirection = 20 * 4 + 20 * 5 + 20 + 20 + 3 * 5;
    long gru = 15 * 10 + 15 * 5 + 15 + 15;
    assertEquals(44 + 2 * lstmDirection + gru + 2 * (3 * 5) + 3 * 5 + 3, p.count());
    Parameters.Tensor last = p.tensors().get(p.tensors().size() - 1);
    assertEquals(p.count(), last.offset() + last.length());
  }

  /** A GRU of 2^31 - 1 units: the count saturates instead of wrapping around (it was -6 in int). */
  @Test
  void countsPastLongSaturateAndDoNotFitOneArray() {
    ModelSpec m = model(new InputSpec(InputKind.DENSE, 3, 0),
        List.of(new LayerSpec(Cell.GRU, Integer.MAX_VALUE, false, 0, 0)), false, 4);
    Parameters p = Parameters.of(m);
    assertEquals(Long.MAX_VALUE, p.count());
    assertFalse(p.fitsOneArray());
  }

  @Test
  void buffersForOneSequenceAreStepsTimesTheWidestRow() {
    ModelSpec m = model(new InputSpec(InputKind.DENSE, 3, 0),
        List.of(new LayerSpec(Cell.LSTM, 20_000, false, 0, 0)), false, 100_000);
    assertEquals(80_000, BufferSizes.widestStepRow(m));
    assertEquals(8_000_000_000L, BufferSizes.longestForOneSequence(m));
    assertTrue(Parameters.of(m).fitsOneArray(), "the parameters alone fit");
  }
}
