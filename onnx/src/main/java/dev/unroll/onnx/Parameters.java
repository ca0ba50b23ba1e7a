package dev.unroll.onnx;

import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A network's parameters as the exporter reads them, recording which ones it used. A parameter no
 * part of the graph used belongs to a part of the architecture this exporter does not know (for
 * example a model kind added to the DSL after it), so {@link #requireAllUsed} turns it into an
 * error instead of a graph that silently computes something else.
 */
final class Parameters {
  private final String model;
  private final ParameterLayout layout;
  private final float[] values;
  private final Set<String> used = new LinkedHashSet<>();

  Parameters(RecurrentNetwork net) {
    this.model = net.spec().name();
    this.layout = net.layout();
    this.values = net.parameters();
  }

  /**
   * A copy of the named tensor, which must be finite.
   *
   * @throws OnnxExportException if it is missing or holds NaN or an infinity
   */
  float[] take(String name) {
    if (!layout.contains(name)) {
      throw new OnnxExportException(model + ": parameter " + name + " is missing; the network's parameters are "
          + names());
    }
    float[] copy = layout.copyOf(values, name);
    for (int i = 0; i < copy.length; i++) {
      if (!Float.isFinite(copy[i])) {
        throw new OnnxExportException(model + ": parameter " + name + " holds " + copy[i] + " at element " + i
            + "; a model with non-finite weights (a diverged training) is not exported");
      }
    }
    used.add(name);
    return copy;
  }

  /** Whether the network has a parameter of this name. */
  boolean has(String name) {
    return layout.contains(name);
  }

  /**
   * @throws OnnxExportException naming every parameter no part of the graph used
   */
  void requireAllUsed(String graph) {
    List<String> left = new ArrayList<>();
    for (ParameterSlot s : layout.slots()) {
      if (!used.contains(s.name())) {
        left.add(s.name());
      }
    }
    if (!left.isEmpty()) {
      throw new OnnxExportException(model + ": cannot export the " + graph + " graph: parameters " + left
          + " belong to a part of the architecture this exporter does not support yet (opset "
          + OnnxExport.OPSET + "); nothing was written");
    }
  }

  private List<String> names() {
    return layout.slots().stream().map(ParameterSlot::name).toList();
  }
}
