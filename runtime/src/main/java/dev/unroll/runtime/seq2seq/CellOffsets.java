package dev.unroll.runtime.seq2seq;

import dev.unroll.model.ParameterNames;
import dev.unroll.runtime.ParameterLayout;

/**
 * Where the four tensors of one recurrent layer and direction ({@code weight_ih}, {@code
 * weight_hh}, {@code bias_ih}, {@code bias_hh}) start in the flat parameter array.
 */
record CellOffsets(int wIh, int wHh, int bIh, int bHh) {

  /** The offsets of layer {@code layer}, direction {@code direction} of the stack {@code prefix}. */
  static CellOffsets of(ParameterLayout layout, String prefix, int layer, int direction) {
    return new CellOffsets(
        layout.slot(ParameterNames.weightIh(prefix, layer, direction)).offset(),
        layout.slot(ParameterNames.weightHh(prefix, layer, direction)).offset(),
        layout.slot(ParameterNames.biasIh(prefix, layer, direction)).offset(),
        layout.slot(ParameterNames.biasHh(prefix, layer, direction)).offset());
  }
}
