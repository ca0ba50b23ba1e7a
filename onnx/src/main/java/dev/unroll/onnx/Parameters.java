package dev.unroll.onnx;

import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A network's parameters as the exporter reads them, recording which ones it used. A parameter no
 * part of the graph used belongs to a part of the architecture this exporter does not know (for
 * example a model kind added to the DSL after it), so {@link #requireAllUsed} turns it into an
 * error instead of a graph that silently computes something else.
 */
final class Parameters {
  private final String model;
  private final List<String> names;
  private final Function<String, float[]> values;
  private final Set<String> used = new LinkedHashSet<>();

  Parameters(RecurrentNetwork net) {
    this(net.spec().name(), net.layout().slots().stream().map(ParameterSlot::name).toList(),
        name -> net.layout().copyOf(net.parameters(), name));
  }

  /**
   * @param model the model's name, for messages
   * @param names every parameter the model has (PyTorch names)
   * @param values a parameter's values by name (the caller's copy or a fresh one: they are not changed)
   */
  Parameters(String model, List<String> names, Function<String, float[]> values) {
    this.model = model;
    this.names = List.copyOf(names);
    this.values = values;
  }

  /**
   * A copy of the named tensor, which must be finite.
   *
   * @throws OnnxExportException if it is missing or holds NaN or an infinity
   */
  float[] take(String name) {
    if (!names.contains(name)) {
      throw new OnnxExportException(model + ": parameter " + name + " is missing; the network's parameters are "
          + names);
    }
    float[] copy = values.apply(name).clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Float.isFinite(copy[i])) {
        throw new OnnxExportException(model + ": parameter " + name + " holds " + copy[i] + " at element " + i
            + "; a model with non-finite weights (a diverged training) is not exported");
      }
    }
    used.add(name);
    return copy;
  }

  /** The model's name, for messages. */
  String model() {
    return model;
  }

  /** Whether the network has a parameter of this name. */
  boolean has(String name) {
    return names.contains(name);
  }

  /**
   * @throws OnnxExportException naming every parameter no part of the graph used
   */
  void requireAllUsed(String graph) {
    requireAllUsed(graph, name -> true);
  }

  /**
   * As {@link #requireAllUsed(String)}, for the parameters that belong to this graph (an
   * encoder-decoder's parameters are split between its two graphs).
   */
  void requireAllUsed(String graph, Predicate<String> belongs) {
    List<String> left = new ArrayList<>();
    for (String name : names) {
      if (belongs.test(name) && !used.contains(name)) {
        left.add(name);
      }
    }
    if (!left.isEmpty()) {
      throw new OnnxExportException(model + ": cannot export the " + graph + " graph: parameters " + left
          + " belong to a part of the architecture this exporter does not support yet (opset "
          + OnnxExport.OPSET + "); nothing was written");
    }
  }
}
