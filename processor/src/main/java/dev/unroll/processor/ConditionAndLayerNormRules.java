package dev.unroll.processor;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InitialState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.util.Elements;

/**
 * The rules of {@code @Layer(layerNorm = ...)} and of {@code initialState = CONDITIONED} with its
 * {@code @Condition}: which cells are layer-normalised (reference/FORMAT-v2.md defines LSTM, GRU
 * and tanh RNN), and that a conditioned state has a feature size and layers of equal units.
 */
final class ConditionAndLayerNormRules {
  /** The cells whose layer-normalised equations are defined. */
  static final Set<Cell> LAYER_NORM_CELLS = EnumSet.of(Cell.LSTM, Cell.GRU, Cell.RNN_TANH);

  private final Elements elements;

  ConditionAndLayerNormRules(Elements elements) {
    this.elements = elements;
  }

  void validate(Annotation model, ValidationReport.Builder report) {
    List<Annotation> layers = model.getAnnotations("layers", elements);
    for (Annotation layer : layers) {
      Cell cell = layer.getEnum("cell", Cell.class);
      if (layer.getBoolean("layerNorm") && !LAYER_NORM_CELLS.contains(cell)) {
        report.error(layer, "layerNorm", Message.LAYER_NORM_CELL, cell);
      }
    }
    InitialState initial = model.getEnum("initialState", InitialState.class);
    Annotation condition = model.getAnnotation("condition", elements);
    int size = condition.getInt("size");
    if (initial != InitialState.CONDITIONED) {
      if (size != 0) {
        report.error(condition, "size", Message.CONDITION_UNUSED, initial, size);
      }
      return;
    }
    if (size <= 0 && model.written("condition") == null) {
      report.error(model, "initialState", Message.CONDITION_SIZE, size);
    } else if (size <= 0) {
      report.error(condition, "size", Message.CONDITION_SIZE, size);
    }
    if (layers.isEmpty()) {
      return;
    }
    int firstUnits = layers.get(0).getInt("units");
    for (int i = 1; i < layers.size(); i++) {
      int units = layers.get(i).getInt("units");
      if (units > 0 && firstUnits > 0 && units != firstUnits) {
        report.error(layers.get(i), "units", Message.CONDITIONED_STATE_UNITS, i, units, firstUnits);
      }
    }
  }
}
