package dev.unroll.processor;

import dev.unroll.model.ModelSpec;
import dev.unroll.model.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared parameter layout ({@link Parameters}) with the name of the generated constant that
 * holds each tensor's offset. Built only for models whose parameters fit one {@code float[]}
 * (checked by {@link SizeCheck}), so every size and offset here is an {@code int}.
 */
final class ParameterPlan {

  /** One tensor of the layout and the generated constant that holds its offset. */
  record Tensor(Parameters.Tensor layout, String constant) {
    int offset() {
      return Math.toIntExact(layout.offset());
    }

    int length() {
      return Math.toIntExact(layout.length());
    }
  }

  private final List<Tensor> tensors;
  private final int size;

  private ParameterPlan(List<Tensor> tensors, int size) {
    this.tensors = List.copyOf(tensors);
    this.size = size;
  }

  List<Tensor> tensors() {
    return tensors;
  }

  int size() {
    return size;
  }

  static ParameterPlan of(ModelSpec spec) {
    Parameters parameters = Parameters.of(spec);
    if (!parameters.fitsOneArray()) {
      throw new IllegalStateException(spec.name() + " has " + parameters.count() + " parameters, past the size check");
    }
    List<Tensor> tensors = new ArrayList<>();
    for (Parameters.Tensor t : parameters.tensors()) {
      tensors.add(new Tensor(t, constant(t)));
    }
    return new ParameterPlan(tensors, Math.toIntExact(parameters.count()));
  }

  /** The generated constant that holds a tensor's offset. */
  private static String constant(Parameters.Tensor t) {
    int k = t.layer();
    int d = t.direction();
    return switch (t.role()) {
      case EMBEDDING -> "EMBEDDING";
      case WEIGHT_IH -> Naming.wIh(k, d);
      case WEIGHT_HH -> Naming.wHh(k, d);
      case BIAS_IH -> Naming.bIh(k, d);
      case BIAS_HH -> Naming.bHh(k, d);
      case PEEPHOLE -> Naming.peephole(k, d);
      case H0 -> "H0";
      case C0 -> "C0";
      case HEAD_WEIGHT -> "HEAD_W";
      case HEAD_BIAS -> "HEAD_B";
      case LN_IH_WEIGHT -> Naming.layerNorm("IH", "W", k, d);
      case LN_IH_BIAS -> Naming.layerNorm("IH", "B", k, d);
      case LN_HH_WEIGHT -> Naming.layerNorm("HH", "W", k, d);
      case LN_HH_BIAS -> Naming.layerNorm("HH", "B", k, d);
      case LN_C_WEIGHT -> Naming.layerNorm("C", "W", k, d);
      case LN_C_BIAS -> Naming.layerNorm("C", "B", k, d);
      case INIT_WEIGHT -> Naming.INIT_W;
      case INIT_BIAS -> Naming.INIT_B;
      case INIT_CELL_WEIGHT -> Naming.INIT_CELL_W;
      case INIT_CELL_BIAS -> Naming.INIT_CELL_B;
    };
  }
}
