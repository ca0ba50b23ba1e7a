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
      tensors.add(new Tensor(t, Naming.offset(t.role(), t.layer(), t.direction())));
    }
    return new ParameterPlan(tensors, Math.toIntExact(parameters.count()));
  }
}
