package dev.unroll.onnx;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Exported graphs of randomly drawn (reproducible) architectures against Unroll's forward pass in
 * ONNX Runtime: every cell (mixed within a stack), 1-3 layers, bidirectional layers, layer-normalised
 * layers (a third of the LSTM, GRU and RNN_TANH layers), learned and conditioned initial states,
 * both head modes (and the many-to-one head reading the LSTM cell state), the
 * three input kinds, and padded batches through the {@code lengths} input (or full sequences
 * without it). Compared within the reference forward tolerance: logits, activated outputs, the
 * top layer's states and every layer's final states, at real (not padded) steps; for
 * unidirectional models also the step graph, run one step at a time.
 *
 * <p>The main factors (first cell, input kind, head mode, initial state, padding) cycle through
 * their values over the draws, shuffled independently, so each value of each appears; the rest is
 * drawn freely. All parameters are drawn uniformly from [-0.8, 0.8] (so h0, c0 and the embedding
 * are not zero).
 */
class RandomArchitectureTest {
  private static final long SEED = 0x0_4E_4E_58L;
  private static final int ARCHITECTURES = 30;
  private static final Agreement.Tolerance FORWARD = new Agreement.Tolerance(5e-6, 5e-5);
  private static final String[] CELLS = {"RNN_TANH", "RNN_RELU", "LSTM", "LSTM_PEEPHOLE", "GRU"};
  private static final String[] KINDS = {"DENSE", "ONE_HOT", "EMBEDDING"};
  private static final List<String> LAYER_NORM_CELLS = List.of("LSTM", "GRU", "RNN_TANH");

  @TestFactory
  Stream<DynamicTest> randomArchitectures() {
    Random random = new Random(SEED);
    List<Integer> firstCell = balanced(CELLS.length, random);
    List<Integer> kind = balanced(KINDS.length, random);
    List<Integer> mode = balanced(2, random);
    List<Integer> initial = balanced(3, random);
    List<Integer> padding = balanced(3, random);
    return IntStream.range(0, ARCHITECTURES).mapToObj(i -> {
      ModelSource s = draw(i, random, CELLS[firstCell.get(i)], KINDS[kind.get(i)], mode.get(i) == 1, initial.get(i));
      long weights = random.nextLong();
      // padding 0: no lengths input; 1: lengths all full; 2: padded lengths.
      int pad = padding.get(i);
      return DynamicTest.dynamicTest("architecture " + i, () -> check(i, s, weights, pad, 0));
    });
  }

  /**
   * Layer-normalised stacks of each normalisable cell, a bidirectional layer under a
   * unidirectional one, on padded batches of different lengths (the Scan's masking), with each
   * initial state kind and both head modes.
   */
  @TestFactory
  Stream<DynamicTest> layerNormalisedPaddedBatches() {
    String[] cells = {"LSTM", "GRU", "RNN_TANH"};
    return IntStream.range(0, cells.length * 2).mapToObj(i -> {
      ModelSource s = new ModelSource();
      s.packageName = "random";
      s.className = "LayerNorm" + i;
      s.steps = 6;
      s.inputSize = 3;
      String cell = cells[i % cells.length];
      s.layer(cell, 4, true, true).layer(cell, 4, false, true);
      s.learnedInitialState = i % 3 == 1;
      s.conditionSize = i % 3 == 2 ? 2 : 0;
      s.headMode = i < cells.length ? "MANY_TO_MANY" : "MANY_TO_ONE";
      s.headState = "HIDDEN";
      s.activation = "SOFTMAX";
      s.loss = "CROSS_ENTROPY";
      s.headSize = 3;
      return DynamicTest.dynamicTest(s.className + " " + cell, () -> check(100 + i, s, SEED + i, 2, 4));
    });
  }

  /** Each of {@code values} values equally often over the draws, in random order. */
  private static List<Integer> balanced(int values, Random random) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ARCHITECTURES; i++) {
      out.add(i % values);
    }
    Collections.shuffle(out, random);
    return out;
  }

  /** @param initial 0: zeros, 1: learned, 2: conditioned on a drawn feature vector */
  private static ModelSource draw(int i, Random r, String firstCell, String kind, boolean manyToOne, int initial) {
    boolean sameUnits = initial > 0;
    ModelSource s = new ModelSource();
    s.packageName = "random";
    s.className = "Arch" + i;
    s.steps = 1 + r.nextInt(7);
    s.inputKind = kind;
    s.inputSize = 2 + r.nextInt(6);
    s.embeddingSize = kind.equals("EMBEDDING") ? 2 + r.nextInt(4) : 0;
    int layers = 1 + r.nextInt(3);
    int units = 2 + r.nextInt(7);
    boolean anyLstmTop = false;
    for (int k = 0; k < layers; k++) {
      String cell = k == 0 ? firstCell : CELLS[r.nextInt(CELLS.length)];
      boolean layerNorm = LAYER_NORM_CELLS.contains(cell) && r.nextInt(3) == 0;
      s.layer(cell, sameUnits ? units : 2 + r.nextInt(7), r.nextInt(3) == 0, layerNorm);
      anyLstmTop = cell.startsWith("LSTM");
    }
    s.learnedInitialState = initial == 1;
    s.conditionSize = initial == 2 ? 1 + r.nextInt(4) : 0;
    s.headMode = manyToOne ? "MANY_TO_ONE" : "MANY_TO_MANY";
    s.headState = manyToOne && anyLstmTop && r.nextBoolean() ? "CELL" : "HIDDEN";
    switch (r.nextInt(3)) {
      case 0 -> {
        s.activation = "SOFTMAX";
        s.loss = "CROSS_ENTROPY";
        s.headSize = 2 + r.nextInt(5);
      }
      case 1 -> {
        s.activation = "SIGMOID";
        s.loss = "BINARY_CROSS_ENTROPY";
        s.headSize = 1 + r.nextInt(5);
      }
      default -> {
        s.activation = "LINEAR";
        s.loss = "MSE";
        s.headSize = 1 + r.nextInt(5);
      }
    }
    return s;
  }

  /** @param batchSize sequences in the batch, or 0 to draw 1-4 */
  private static void check(int index, ModelSource source, long seed, int pad, int batchSize) throws Exception {
    RecurrentNetwork net = ModelCompiler.compileAndLoad(source.qualifiedName(), source.source());
    ModelSpec spec = net.spec();
    Random r = new Random(seed);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = (r.nextFloat() * 2 - 1) * 0.8f;
    }
    int steps = spec.steps();
    int batch = batchSize > 0 ? batchSize : 1 + r.nextInt(4);
    int[] lengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      lengths[b] = pad == 2 ? 1 + r.nextInt(steps) : steps;
    }
    if (batchSize > 0) {
      lengths[0] = steps;
      lengths[batch - 1] = Math.min(lengths[batch - 1], steps - 2);
    }
    Batch input = new Batch();
    input.steps = steps;
    input.size = batch;
    input.lengths = pad == 2 ? lengths : null;
    boolean symbolic = spec.input().kind().symbolic();
    int width = spec.input().size();
    if (symbolic) {
      input.symbols = new int[steps * batch];
      Arrays.setAll(input.symbols, i -> r.nextInt(width));
    } else {
      input.features = new float[steps * batch * width];
      for (int i = 0; i < input.features.length; i++) {
        input.features[i] = (float) r.nextGaussian();
      }
    }
    if (spec.conditioned()) {
      input.conditions = new float[batch * spec.conditionSize()];
      for (int i = 0; i < input.conditions.length; i++) {
        input.conditions[i] = (float) r.nextGaussian();
      }
    }
    Workspace ws = net.newWorkspace(steps, batch);
    net.forward(ws, input);

    Map<String, float[]> out;
    try (OrtRunner ort = new OrtRunner(OnnxExport.sequenceModel(net, ExportMetadata.none(), pad > 0))) {
      if (symbolic) {
        ort.ints("input", input.symbols, steps, batch);
      } else {
        ort.floats("input", input.features, steps, batch, width);
      }
      if (pad > 0) {
        ort.ints("lengths", lengths, batch);
      }
      if (spec.conditioned()) {
        ort.floats("z", input.conditions, batch, spec.conditionSize());
      }
      out = ort.run();
    }
    String what = "onnx architecture " + index + " " + describe(spec) + ", batch " + batch
        + (pad == 0 ? ", no lengths input" : ", lengths " + Arrays.toString(lengths));
    Agreement a = new Agreement(what, FORWARD);
    int o = spec.head().size();
    boolean perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
    float[] logits = Arrays.copyOf(ws.logits, (perStep ? steps * batch : batch) * o);
    Agreement.Mask realSteps = perStep ? i -> (i / o) / batch < lengths[(i / o) % batch] : i -> true;
    a.check("logits", logits, out.get("logits"), realSteps);
    a.check("output", HeadActivations.apply(spec.head().activation(), logits, o), out.get("output"), realSteps);
    int top = spec.topOutputSize();
    a.check("hidden", ws.output(), out.get("hidden"), i -> (i / top) / batch < lengths[(i / top) % batch]);
    int ld = 0;
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec layer = spec.layers().get(k);
      a.check("h_n_l" + k, directions(ws.finalHidden, ld, layer.directions(), batch * layer.units()), out.get("h_n_l" + k));
      if (layer.cell().hasCellState()) {
        a.check("c_n_l" + k, directions(ws.finalCell, ld, layer.directions(), batch * layer.units()), out.get("c_n_l" + k));
      }
      ld += layer.directions();
    }
    if (!spec.bidirectional()) {
      StepGraphs.checkAgainstSequence(net, input, lengths, logits, a);
    }
    a.report();
  }

  /** Final states of layer-directions {@code ld .. ld+D}, each {@code [B*H]}, as {@code [D, B, H]}. */
  private static float[] directions(float[][] states, int ld, int dirs, int size) {
    float[] out = new float[dirs * size];
    for (int d = 0; d < dirs; d++) {
      System.arraycopy(states[ld + d], 0, out, d * size, size);
    }
    return out;
  }

  private static String describe(ModelSpec spec) {
    StringBuilder s = new StringBuilder(spec.input().kind() + " " + spec.input().size() + " ->");
    for (LayerSpec l : spec.layers()) {
      s.append(' ').append(l.cell() == Cell.LSTM_PEEPHOLE ? "LSTM_P" : l.cell().name()).append(l.units())
          .append(l.bidirectional() ? "bi" : "").append(l.layerNorm() ? "ln" : "");
    }
    return s.append(spec.learnedInitialState() ? ", learned h0" : "")
        .append(spec.conditioned() ? ", conditioned on " + spec.conditionSize() + " features" : "").append(" -> ").append(spec.head().mode())
        .append(spec.head().readsCellState() ? "(cell)" : "").append(' ').append(spec.head().activation())
        .append(' ').append(spec.head().size()).toString();
  }
}
