package dev.unroll.onnx;

import dev.unroll.dsl.Attention;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.onnx.proto.Onnx.GraphProto;

/**
 * The two graphs of an encoder-decoder (reference/FORMAT-v2.md, "Encoder-decoder"), between which
 * a caller runs greedy or beam search:
 *
 * <ul>
 *   <li>the <b>encoder graph</b>: the source through the encoder stack (standard recurrent
 *       operators, or Scans when layer-normalised) to its top-layer states, the bridge from its
 *       final states to the decoder's initial states, and the source mask;
 *   <li>the <b>decoder step graph</b>: one decoder step from the previous symbol (read one-hot) and
 *       the decoder's states, attention over the encoder's states, and the head.
 * </ul>
 *
 * Parameters are read by their PyTorch names ({@code encoder.}, {@code decoder.}, {@code bridge.},
 * {@code attention.}, {@code head.}); each graph must use every parameter that belongs to it.
 */
final class Seq2SeqGraphs {
  /** The dynamic source-length axis. */
  static final String SOURCE_STEPS = "source_steps";
  private static final String BATCH = NetworkGraph.BATCH;
  /** Score of a padded source position: its softmax weight is exactly 0. */
  private static final float MASKED = -1e30f;

  private final Seq2SeqSpec spec;
  private final Parameters params;
  private final GraphBuilder g;

  private Seq2SeqGraphs(Seq2SeqSpec spec, Parameters params, String graph, String doc) {
    this.spec = spec;
    this.params = params;
    this.g = new GraphBuilder(spec.name() + "_" + graph, doc);
  }

  /**
   * Inputs {@code source} ({@code [source_steps, batch, I]} float, or {@code [source_steps, batch]}
   * int64 symbols) and {@code source_lengths} int64 {@code [batch]}; outputs
   * {@code encoder_output} {@code [source_steps, batch, E]} (0 at padded steps), {@code source_mask}
   * float {@code [batch, source_steps]} (1 at real steps) and the decoder's initial states
   * {@code h_l<k>} (and {@code c_l<k>}, zeros) {@code [1, batch, Hd]}.
   */
  static GraphProto encoder(Seq2SeqSpec spec, Parameters params) {
    Seq2SeqGraphs s = new Seq2SeqGraphs(spec, params, "encoder",
        "The source through the encoder and the bridge; see the model's doc_string.");
    s.buildEncoder();
    params.requireAllUsed("encoder", name -> name.startsWith("encoder.") || name.startsWith("bridge."));
    return s.g.build();
  }

  /**
   * Inputs {@code previous} int64 {@code [batch]}, the decoder's states {@code h_l<k>} (and
   * {@code c_l<k>}) {@code [1, batch, Hd]} and, with attention, {@code encoder_output} and
   * {@code source_mask} as the encoder graph gives them; outputs {@code logits}, {@code output}
   * (softmax) {@code [batch, O]}, the next states {@code h_n_l<k>} (and {@code c_n_l<k>}) and, with
   * attention, {@code attention} {@code [batch, source_steps]}.
   */
  static GraphProto decoderStep(Seq2SeqSpec spec, Parameters params) {
    Seq2SeqGraphs s = new Seq2SeqGraphs(spec, params, "decoder_step",
        "One decoder step with attention and the head; see the model's doc_string.");
    s.buildDecoderStep();
    params.requireAllUsed("decoder step", name -> !name.startsWith("encoder.") && !name.startsWith("bridge."));
    return s.g.build();
  }

  private void buildEncoder() {
    String source = spec.sourceOneHot()
        ? g.input("source", GraphBuilder.INT64, "source symbols, time-major", SOURCE_STEPS, BATCH)
        : g.input("source", GraphBuilder.FLOAT, "source features, time-major", SOURCE_STEPS, BATCH, spec.sourceSize());
    String lengths = g.input("source_lengths", GraphBuilder.INT64, "real length of each source, 1..source_steps",
        BATCH);
    String lengths32 = g.node("Cast", lengths).attr("to", (long) GraphBuilder.INT32).outputs("source_lengths.int32");
    String x = spec.sourceOneHot() ? oneHot(source, spec.sourceSize(), "source") : source;
    int width = spec.sourceSize();
    RecurrentLayerWriter.Outputs top = null;
    for (int k = 0; k < spec.encoder().size(); k++) {
      LayerSpec layer = spec.encoder().get(k);
      top = RecurrentLayerWriter.write(g, params, "encoder", layer, k, width, x, lengths32, "", "", "encoder.");
      String moved = g.node("Transpose", top.y()).attr("perm", new long[] {0, 2, 1, 3})
          .outputs("encoder.l" + k + ".tbdh");
      x = g.node("Reshape", moved, g.longs("encoder.l" + k + ".shape", 0, 0, -1)).outputs("encoder.l" + k + ".out");
      width = layer.outputSize();
    }
    int e = spec.encoderOutputSize();
    g.node("Identity", x).outputs("encoder_output");
    g.output("encoder_output", GraphBuilder.FLOAT, "the encoder's top-layer states, directions concatenated"
        + " (forward first); 0 at padded steps", SOURCE_STEPS, BATCH, e);
    sourceMask(source, lengths);
    bridge(top.lastHidden(), e);
  }

  /**
   * {@code s = [forward state after the last real step ; reverse state after step 0]} (the top
   * layer's final states), {@code h0_dec = tanh(s bridge.weight^T + bridge.bias)} read as
   * {@code [Ld, Hd]} per sequence; LSTM decoders start with {@code c0 = 0}.
   */
  private void bridge(String topFinal, int e) {
    int layers = spec.decoder().size();
    int hd = spec.decoderUnits();
    String ends = g.node("Transpose", topFinal).attr("perm", new long[] {1, 0, 2}).outputs("bridge.ends");
    String s = g.node("Reshape", ends, g.longs("bridge.in.shape", 0, e)).outputs("bridge.in");
    String pre = g.node("Gemm", s, g.floats("bridge.weight", params.take("bridge.weight"), (long) layers * hd, e),
        g.floats("bridge.bias", params.take("bridge.bias"), (long) layers * hd)).attr("transB", 1L)
        .outputs("bridge.linear");
    String h0 = g.node("Tanh", pre).outputs("bridge.tanh");
    String rows = g.node("Reshape", h0, g.longs("bridge.rows.shape", 0, layers, hd)).outputs("bridge.bkh");
    String byLayer = g.node("Transpose", rows).attr("perm", new long[] {1, 0, 2}).outputs("bridge.kbh");
    for (int k = 0; k < layers; k++) {
      String h = g.node("Slice", byLayer, g.longs("h_l" + k + ".start", k), g.longs("h_l" + k + ".end", k + 1),
          g.longs("h_l" + k + ".axes", 0)).outputs("h_l" + k);
      g.output(h, GraphBuilder.FLOAT, "decoder layer " + k + "'s initial hidden state (the bridge)", 1, BATCH, hd);
      if (spec.decoder().get(k).cell().hasCellState()) {
        String shape = g.node("Shape", h).outputs("c_l" + k + ".shape");
        g.node("Expand", g.floats("c_l" + k + ".zero", new float[hd], 1, 1, hd), shape).outputs("c_l" + k);
        g.output("c_l" + k, GraphBuilder.FLOAT, "decoder layer " + k + "'s initial cell state (zeros)", 1, BATCH, hd);
      }
    }
  }

  /** {@code source_mask [batch, source_steps]}: 1 where {@code s < source_lengths[b]}, else 0. */
  private void sourceMask(String source, String lengths) {
    String steps = g.node("Shape", source).attr("start", 0L).attr("end", 1L).outputs("mask.steps");
    String limit = g.node("Squeeze", steps).outputs("mask.steps.scalar");
    String s = g.node("Range", g.scalar("mask.zero", 0), limit, g.scalar("mask.one", 1)).outputs("mask.s");
    String row = g.node("Unsqueeze", s, g.longs("mask.s.axis", 0)).outputs("mask.s_row");
    String column = g.node("Unsqueeze", lengths, g.longs("mask.lengths.axis", 1)).outputs("mask.lengths");
    String real = g.node("Less", row, column).outputs("mask.real");
    g.node("Cast", real).attr("to", (long) GraphBuilder.FLOAT).outputs("source_mask");
    g.output("source_mask", GraphBuilder.FLOAT, "1 at each source's real steps, 0 at padding", BATCH, SOURCE_STEPS);
  }

  private void buildDecoderStep() {
    String previous = g.input("previous", GraphBuilder.INT64, "each sequence's previous target symbol (the start"
        + " symbol 0 at the first step)", BATCH);
    String timeMajor = g.node("Unsqueeze", previous, g.longs("previous.axis", 0)).outputs("previous.step");
    String x = oneHot(timeMajor, spec.vocabulary(), "previous");
    int width = spec.vocabulary();
    int hd = spec.decoderUnits();
    RecurrentLayerWriter.Outputs top = null;
    for (int k = 0; k < spec.decoder().size(); k++) {
      LayerSpec layer = spec.decoder().get(k);
      String doc = "decoder layer " + k + "'s state before this step (the encoder graph's, then the previous step's)";
      String h = g.input("h_l" + k, GraphBuilder.FLOAT, "hidden " + doc, 1, BATCH, hd);
      String c = layer.cell().hasCellState()
          ? g.input("c_l" + k, GraphBuilder.FLOAT, "cell " + doc, 1, BATCH, hd) : "";
      top = RecurrentLayerWriter.write(g, params, "decoder", layer, k, width, x, "", h, c, "decoder.");
      x = g.node("Squeeze", top.y(), g.longs("decoder.l" + k + ".axis1", 1)).outputs("decoder.l" + k + ".out");
      g.node("Identity", top.lastHidden()).outputs("h_n_l" + k);
      g.output("h_n_l" + k, GraphBuilder.FLOAT, "decoder layer " + k + "'s hidden state after the step", 1, BATCH, hd);
      if (top.lastCell() != null) {
        g.node("Identity", top.lastCell()).outputs("c_n_l" + k);
        g.output("c_n_l" + k, GraphBuilder.FLOAT, "decoder layer " + k + "'s cell state after the step", 1, BATCH, hd);
      }
      width = layer.outputSize();
    }
    String state = g.node("Squeeze", top.lastHidden(), g.longs("decoder.top.axis0", 0)).outputs("decoder.top");
    String attended = spec.attention() == Attention.NONE ? state : attention(state);
    int o = spec.outputSize();
    String product = g.node("MatMul", attended, g.transposed("head.weight.T", params.take("head.weight"), o, hd))
        .outputs("head.product");
    g.node("Add", product, g.floats("head.bias", params.take("head.bias"), o)).outputs("logits");
    g.node("Softmax", "logits").attr("axis", -1L).outputs("output");
    g.output("logits", GraphBuilder.FLOAT, "the next symbol's scores before the softmax", BATCH, o);
    g.output("output", GraphBuilder.FLOAT, "the next symbol's probabilities (softmax of the logits)", BATCH, o);
  }

  /**
   * Luong attention over the encoder's states: scores at real source positions, softmax (padded
   * positions weigh 0), the context {@code c = Σ_s a_s e_s} and {@code h̃ = tanh(combine [c ; h])}.
   *
   * @param h the decoder's top-layer state {@code [batch, Hd]}
   * @return h̃ {@code [batch, Hd]}
   */
  private String attention(String h) {
    int e = spec.encoderOutputSize();
    int hd = spec.decoderUnits();
    String enc = g.input("encoder_output", GraphBuilder.FLOAT, "the encoder graph's encoder_output", SOURCE_STEPS,
        BATCH, e);
    String mask = g.input("source_mask", GraphBuilder.FLOAT, "the encoder graph's source_mask", BATCH, SOURCE_STEPS);
    String scores = switch (spec.attention()) {
      case DOT -> dotScores(enc, h);
      case GENERAL -> dotScores(enc, g.node("MatMul", h,
          g.floats("attention.weight", params.take("attention.weight"), hd, e)).outputs("attention.query"));
      case ADDITIVE -> additiveScores(enc, h);
      case NONE -> throw new IllegalStateException("no attention");
    };
    String byBatch = g.node("Transpose", scores).attr("perm", new long[] {1, 0}).outputs("attention.scores");
    String real = g.node("Cast", mask).attr("to", (long) GraphBuilder.BOOL).outputs("attention.real");
    String masked = g.node("Where", real, byBatch, g.floats("attention.masked", new float[] {MASKED}, 1))
        .outputs("attention.masked_scores");
    String weights = g.node("Softmax", masked).attr("axis", -1L).outputs("attention");
    g.output(weights, GraphBuilder.FLOAT, "the attention weights over the source (0 at padding)", BATCH, SOURCE_STEPS);
    String column = g.node("Transpose", weights).attr("perm", new long[] {1, 0}).outputs("attention.sb");
    String expanded = g.node("Unsqueeze", column, g.longs("attention.sb.axis", 2)).outputs("attention.sb1");
    String weighted = g.node("Mul", enc, expanded).outputs("attention.weighted");
    String context = g.node("ReduceSum", weighted, g.longs("attention.sum.axis", 0)).attr("keepdims", 0L)
        .outputs("attention.context");
    String joined = g.node("Concat", context, h).attr("axis", 1L).outputs("attention.joined");
    String combined = g.node("MatMul", joined, g.transposed("attention.combine.weight.T",
        params.take("attention.combine.weight"), hd, e + hd)).outputs("attention.combined");
    return g.node("Tanh", combined).outputs("attention.hidden");
  }

  /** {@code score[s, b] = q_b · e_{s,b}}: {@code [source_steps, batch]}. */
  private String dotScores(String enc, String query) {
    String products = g.node("Mul", enc, query).outputs("attention.products");
    return g.node("ReduceSum", products, g.longs("attention.dot.axis", 2)).attr("keepdims", 0L)
        .outputs("attention.dot");
  }

  /** {@code score[s, b] = v · tanh(query h_b + key e_{s,b})}: {@code [source_steps, batch]}. */
  private String additiveScores(String enc, String h) {
    int a = spec.attentionSize();
    int e = spec.encoderOutputSize();
    int hd = spec.decoderUnits();
    String keys = g.node("MatMul", enc, g.transposed("attention.key.weight.T", params.take("attention.key.weight"),
        a, e)).outputs("attention.keys");
    String query = g.node("MatMul", h, g.transposed("attention.query.weight.T",
        params.take("attention.query.weight"), a, hd)).outputs("attention.query");
    String mixed = g.node("Tanh", g.node("Add", keys, query).outputs("attention.sum")).outputs("attention.mixed");
    String scored = g.node("MatMul", mixed, g.transposed("attention.v.weight.T", params.take("attention.v.weight"),
        1, a)).outputs("attention.v");
    return g.node("Squeeze", scored, g.longs("attention.v.axis", 2)).outputs("attention.additive");
  }

  /** Symbols {@code [..]} int64 as one-hot float rows {@code [.., depth]}. */
  private String oneHot(String symbols, int depth, String name) {
    return g.node("OneHot", symbols, g.longs(name + ".depth", depth),
        g.floats(name + ".values", new float[] {0f, 1f}, 2)).attr("axis", -1L).outputs(name + ".one_hot");
  }
}
