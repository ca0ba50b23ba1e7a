package dev.unroll.processor;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.InputKind;
import java.util.List;
import javax.lang.model.util.Elements;

/**
 * Counts a declaration's parameters in {@code long} arithmetic, before a model description (whose
 * offsets are {@code int}) is built, so that a model too large for one {@code float[]} is a
 * compile error instead of an overflow.
 */
final class ParameterCount {
  private ParameterCount() {}

  static long of(Annotation model, Elements elements) {
    Annotation input = model.getAnnotation("input", elements);
    InputKind kind = input.getEnum("kind", InputKind.class);
    long count = 0;
    long in = input.getInt("size");
    if (kind == InputKind.EMBEDDING) {
      count += in * input.getInt("embeddingSize");
      in = input.getInt("embeddingSize");
    }
    List<Annotation> layers = model.getAnnotations("layers", elements);
    long directionsTotal = 0;
    long width = in;
    for (Annotation layer : layers) {
      Cell cell = layer.getEnum("cell", Cell.class);
      long h = layer.getInt("units");
      long gates = switch (cell) {
        case LSTM, LSTM_PEEPHOLE -> 4;
        case GRU -> 3;
        case RNN_TANH, RNN_RELU -> 1;
      };
      long directions = layer.getBoolean("bidirectional") ? 2 : 1;
      long perDirection = gates * h * (width + h) + 2 * gates * h + (cell == Cell.LSTM_PEEPHOLE ? 3 * h : 0);
      count += directions * perDirection;
      directionsTotal += directions;
      width = directions * h;
    }
    if (model.getEnum("initialState", InitialState.class) == InitialState.LEARNED && !layers.isEmpty()) {
      count += 2 * directionsTotal * layers.get(0).getInt("units");
    }
    long outputs = model.getAnnotation("head", elements).getInt("size");
    return count + outputs * width + outputs;
  }
}
