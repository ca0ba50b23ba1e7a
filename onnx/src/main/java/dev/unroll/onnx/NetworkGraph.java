package dev.unroll.onnx;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.onnx.proto.Onnx.GraphProto;
import dev.unroll.runtime.RecurrentNetwork;
import java.util.List;

/**
 * Builds the two graphs of a network from its {@link ModelSpec} and parameters: the whole-sequence
 * graph (time-major inputs, optional lengths, every step's outputs, final states) and the step
 * graph (one input per sequence, explicit state inputs and outputs).
 *
 * <p>The parts are written by separate pieces so that new model kinds slot in: the input encoding
 * ({@link #encode}), the initial state ({@link #learnedInitialState},
 * {@link #conditionedInitialState}), one layer ({@link RecurrentLayerWriter}, which hands
 * layer-normalised layers to {@link LayerNormScanWriter}) and the head ({@link #head}). Every
 * parameter must be used by one of them ({@link Parameters#requireAllUsed}), so a kind not
 * handled here fails loudly.
 */
final class NetworkGraph {
  /** Named dynamic axes. */
  static final String STEPS = "steps";
  static final String BATCH = "batch";

  private final ModelSpec spec;
  private final Parameters params;
  private final GraphBuilder g;

  private NetworkGraph(RecurrentNetwork net, String graphName, String doc) {
    this.spec = net.spec();
    this.params = new Parameters(net);
    this.g = new GraphBuilder(graphName, doc);
  }

  /**
   * The whole-sequence graph. Inputs: {@code input} ({@code [steps, batch, I]} float, or
   * {@code [steps, batch]} int64 symbols), with {@code lengths} {@code lengths} int64
   * {@code [batch]}, and for a conditioned model {@code z} {@code [batch, F]}. Outputs:
   * {@code logits}, {@code output} (after the head's activation), {@code hidden} (top layer,
   * {@code [steps, batch, D*H]}, zero at padded steps) and each layer's final states
   * {@code h_n_l<k>} (and {@code c_n_l<k>} for LSTMs) {@code [D, batch, H]}.
   */
  static GraphProto sequence(RecurrentNetwork net, boolean lengths) {
    NetworkGraph n = new NetworkGraph(net, net.spec().name() + "_sequence",
        "Whole sequences, time-major; see the model's doc_string for inputs and outputs.");
    return n.buildSequence(lengths);
  }

  /**
   * The step graph: {@code input} ({@code [batch, I]} float or {@code [batch]} int64) and the
   * state of every layer {@code h_l<k>} (and {@code c_l<k>}) {@code [1, batch, H]}; outputs
   * {@code logits}, {@code output} {@code [batch, O]} and the next states {@code h_n_l<k>}
   * (and {@code c_n_l<k>}).
   *
   * @throws OnnxExportException for a bidirectional model, which needs whole sequences
   */
  static GraphProto step(RecurrentNetwork net) {
    ModelSpec spec = net.spec();
    for (int k = 0; k < spec.layers().size(); k++) {
      if (spec.layers().get(k).bidirectional()) {
        throw new OnnxExportException(spec.name() + ": layer " + k + " is bidirectional, so the model reads whole"
            + " sequences and has no step graph; export the sequence graph only");
      }
    }
    NetworkGraph n = new NetworkGraph(net, spec.name() + "_step",
        "One step of every sequence with explicit states; see the model's doc_string.");
    return n.buildStep();
  }

  private GraphProto buildSequence(boolean withLengths) {
    InputSpec in = spec.input();
    String input = in.kind().symbolic()
        ? g.input("input", GraphBuilder.INT64, "symbol indices, time-major", STEPS, BATCH)
        : g.input("input", GraphBuilder.FLOAT, "features, time-major", STEPS, BATCH, in.size());
    String lengths = "";
    if (withLengths) {
      g.input("lengths", GraphBuilder.INT64, "real length of each sequence, 1..steps", BATCH);
      lengths = g.node("Cast", "lengths").attr("to", (long) GraphBuilder.INT32).outputs("lengths.int32");
    }
    String conditionedH = "";
    String conditionedC = "";
    if (spec.conditioned()) {
      String z = g.input("z", GraphBuilder.FLOAT, "each sequence's features, which set its initial state", BATCH,
          spec.conditionSize());
      conditionedH = conditionedInitialState(z, "init", true);
      conditionedC = params.has("init_cell.weight") ? conditionedInitialState(z, "init_cell", false) : "";
    }
    String x = encode(input);
    String batch = spec.learnedInitialState() ? g.node("Shape", input).attr("start", 1L).attr("end", 2L)
        .outputs("batch_size") : "";
    float[] h0 = spec.learnedInitialState() ? params.take("h0") : null;
    float[] c0 = spec.learnedInitialState() && params.has("c0") ? params.take("c0") : null;
    int width = in.featureSize();
    int row = 0;
    RecurrentLayerWriter.Outputs top = null;
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec layer = spec.layers().get(k);
      String initialH = h0 != null ? learnedInitialState("h0", h0, row, layer, k, batch)
          : conditionedH.isEmpty() ? "" : layerRows(conditionedH, row, layer, "h0_l" + k);
      String initialC = !layer.cell().hasCellState() ? ""
          : c0 != null ? learnedInitialState("c0", c0, row, layer, k, batch)
          : conditionedC.isEmpty() ? "" : layerRows(conditionedC, row, layer, "c0_l" + k);
      top = RecurrentLayerWriter.write(g, params, "rnn", layer, k, width, x, lengths, initialH, initialC, "");
      // Y [T, D, B, H] -> [T, B, D*H]: directions side by side, forward first, as Unroll concatenates them.
      String moved = g.node("Transpose", top.y()).attr("perm", new long[] {0, 2, 1, 3}).outputs("l" + k + ".Y_tbdh");
      x = g.node("Reshape", moved, shape("l" + k, 0, 0, -1)).outputs("l" + k + ".out");
      finalStates(k, layer, top, layer.directions());
      row += layer.directions();
      width = layer.outputSize();
    }
    g.node("Identity", x).outputs("hidden");
    g.output("hidden", GraphBuilder.FLOAT, "top layer's states, directions concatenated (forward first); 0 at"
        + " padded steps", STEPS, BATCH, spec.topOutputSize());
    LayerSpec last = spec.layers().get(spec.layers().size() - 1);
    if (spec.head().mode() == HeadMode.MANY_TO_MANY) {
      head(x, STEPS, BATCH);
    } else {
      // The forward direction's state after each sequence's last real step and the reverse
      // direction's after step 0: Y_h (or Y_c) [D, B, H] -> [B, D*H].
      String end = spec.head().readsCellState() ? top.lastCell() : top.lastHidden();
      String moved = g.node("Transpose", end).attr("perm", new long[] {1, 0, 2}).outputs("head.end_bdh");
      String flat = g.node("Reshape", moved, shape("head.end", 0, last.outputSize())).outputs("head.in");
      head(flat, BATCH);
    }
    params.requireAllUsed("sequence");
    return g.build();
  }

  private GraphProto buildStep() {
    InputSpec in = spec.input();
    String input = in.kind().symbolic()
        ? g.input("input", GraphBuilder.INT64, "one symbol index per sequence", BATCH)
        : g.input("input", GraphBuilder.FLOAT, "one step's features per sequence", BATCH, in.size());
    String timeMajor = g.node("Unsqueeze", input, g.longs("axis0", 0)).outputs("input.step");
    String x = encode(timeMajor);
    int width = in.featureSize();
    RecurrentLayerWriter.Outputs top = null;
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec layer = spec.layers().get(k);
      String doc = "layer " + k + "'s state before this step (from the previous step, or the sequence graph)";
      String h = g.input("h_l" + k, GraphBuilder.FLOAT, "hidden " + doc, 1, BATCH, layer.units());
      String c = layer.cell().hasCellState()
          ? g.input("c_l" + k, GraphBuilder.FLOAT, "cell " + doc, 1, BATCH, layer.units()) : "";
      top = RecurrentLayerWriter.write(g, params, "rnn", layer, k, width, x, "", h, c, "");
      x = g.node("Squeeze", top.y(), g.longs("l" + k + ".axis1", 1)).outputs("l" + k + ".out");
      finalStates(k, layer, top, 1);
      width = layer.outputSize();
    }
    boolean cell = spec.head().mode() == HeadMode.MANY_TO_ONE && spec.head().readsCellState();
    String state = g.node("Squeeze", cell ? top.lastCell() : top.lastHidden(), g.longs("head.axis0", 0))
        .outputs("head.in");
    head(state, BATCH);
    // A learned or conditioned initial state is where a sequence starts: the sequence graph applies
    // it; a caller of the step graph starts from the sequence graph's final states (see the README).
    for (String initial : new String[] {"h0", "c0", "init.weight", "init.bias", "init_cell.weight", "init_cell.bias"}) {
      if (params.has(initial)) {
        params.take(initial);
      }
    }
    params.requireAllUsed("step");
    return g.build();
  }

  /** One step's input as the vector the first layer reads: dense as is, one-hot or embedded symbols. */
  private String encode(String input) {
    InputSpec in = spec.input();
    return switch (in.kind()) {
      case DENSE -> input;
      case ONE_HOT -> g.node("OneHot", input, g.longs("one_hot.depth", in.size()),
          g.floats("one_hot.values", new float[] {0f, 1f}, 2)).attr("axis", -1L).outputs("input.one_hot");
      case EMBEDDING -> g.node("Gather",
          g.floats("embedding.weight", params.take("embedding.weight"), in.size(), in.embeddingSize()), input)
          .attr("axis", 0L).outputs("input.embedded");
    };
  }

  /**
   * Layer {@code k}'s learned initial state, rows {@code row .. row+D} of {@code h0} or {@code c0}
   * {@code [L*D, H]}, broadcast over the batch to {@code [D, batch, H]}.
   */
  private String learnedInitialState(String which, float[] all, int row, LayerSpec layer, int k, String batch) {
    int h = layer.units();
    int dirs = layer.directions();
    float[] rows = new float[dirs * h];
    System.arraycopy(all, row * h, rows, 0, rows.length);
    String constant = g.floats(which + "_l" + k, rows, dirs, 1, h);
    String target = g.node("Concat", g.longs(which + "_l" + k + ".d", dirs), batch,
        g.longs(which + "_l" + k + ".h", h)).attr("axis", 0L).outputs(which + "_l" + k + ".shape");
    return g.node("Expand", constant, target).outputs(which + "_l" + k + ".batch");
  }

  /**
   * The conditioned initial state of every layer and direction {@code [L*D, batch, H]}:
   * {@code tanh(z init.weight^T + init.bias)} (or, for {@code init_cell}, without the tanh), each
   * sequence's {@code L*D*H} values read as {@code [L*D, H]} (reference/FORMAT-v2.md).
   */
  private String conditionedInitialState(String z, String part, boolean tanh) {
    int rows = spec.layerDirections();
    int units = spec.layers().get(0).units();
    String pre = g.node("Gemm", z,
        g.floats(part + ".weight", params.take(part + ".weight"), (long) rows * units, spec.conditionSize()),
        g.floats(part + ".bias", params.take(part + ".bias"), (long) rows * units))
        .attr("transB", 1L).outputs(part + ".linear");
    String state = tanh ? g.node("Tanh", pre).outputs(part + ".tanh") : pre;
    String perSequence = g.node("Reshape", state, shape(part, 0, rows, units)).outputs(part + ".bkh");
    return g.node("Transpose", perSequence).attr("perm", new long[] {1, 0, 2}).outputs(part + ".kbh");
  }

  /** Rows {@code row .. row+D} of a state {@code [L*D, batch, H]}: one layer's {@code [D, batch, H]}. */
  private String layerRows(String all, int row, LayerSpec layer, String name) {
    return g.node("Slice", all, g.longs(name + ".start", row), g.longs(name + ".end", row + layer.directions()),
        g.longs(name + ".axes", 0)).outputs(name);
  }

  /** Declares layer {@code k}'s final states as outputs {@code h_n_l<k>} (and {@code c_n_l<k>}). */
  private void finalStates(int k, LayerSpec layer, RecurrentLayerWriter.Outputs out, int dirs) {
    g.node("Identity", out.lastHidden()).outputs("h_n_l" + k);
    g.output("h_n_l" + k, GraphBuilder.FLOAT, "layer " + k + "'s hidden state after each sequence's last step",
        dirs, BATCH, layer.units());
    if (out.lastCell() != null) {
      g.node("Identity", out.lastCell()).outputs("c_n_l" + k);
      g.output("c_n_l" + k, GraphBuilder.FLOAT, "layer " + k + "'s cell state after each sequence's last step",
          dirs, BATCH, layer.units());
    }
  }

  /** {@code logits = in head.weight^T + head.bias} and {@code output}, the activation of the logits. */
  private void head(String in, Object... leadingDims) {
    int o = spec.head().size();
    int width = spec.topOutputSize();
    String product = g.node("MatMul", in, g.transposed("head.weight.T", params.take("head.weight"), o, width))
        .outputs("head.product");
    g.node("Add", product, g.floats("head.bias", params.take("head.bias"), o)).outputs("logits");
    String op = switch (spec.head().activation()) {
      case SOFTMAX -> "Softmax";
      case SIGMOID -> "Sigmoid";
      case LINEAR -> "Identity";
    };
    GraphBuilder.Node activation = g.node(op, "logits");
    if (op.equals("Softmax")) {
      activation.attr("axis", -1L);
    }
    activation.outputs("output");
    Object[] dims = List.of(leadingDims, new Object[] {o}).stream().flatMap(java.util.Arrays::stream).toArray();
    g.output("logits", GraphBuilder.FLOAT, "the head's outputs before its activation", dims);
    g.output("output", GraphBuilder.FLOAT, "the head's outputs after its activation ("
        + spec.head().activation() + ")", dims);
  }

  /** A constant shape for Reshape (0 copies the input's dimension, -1 is inferred). */
  private String shape(String prefix, long... dims) {
    return g.longs(prefix + ".shape", dims);
  }
}
