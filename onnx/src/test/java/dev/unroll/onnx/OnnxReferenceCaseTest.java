package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.processor.ReferenceCases;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PyTorch reference case, exported to ONNX and run in ONNX Runtime: the case's architecture
 * is compiled with the processor (as the processor's own {@code ReferenceCaseTest} does), its
 * weights loaded by name, and the sequence graph's logits, top-layer states and final states must
 * agree with the case's float64 expectations and with Unroll's forward pass within the reference
 * forward tolerance. For unidirectional cases the step graph, fed one step at a time from the
 * initial state, must agree too.
 *
 * <p>Cases in the reference subfolders carry a {@code kind}: {@code layernorm} and
 * {@code conditioned} cases are plain stacks and run as above (a conditioned one with its
 * {@code z}); {@code seq2seq} cases run through {@link Seq2SeqReferenceCheck}. A kind not known
 * here fails.
 */
class OnnxReferenceCaseTest {

  @TestFactory
  Stream<DynamicTest> everyReferenceCase() throws IOException {
    Path dir = ReferenceCases.directory();
    List<DynamicTest> tests = new ArrayList<>();
    addCases(dir, "", tests);
    assertFalse(tests.isEmpty(), "no reference cases in " + dir);
    try (Stream<Path> folders = Files.list(dir)) {
      for (Path sub : folders.filter(Files::isDirectory).sorted().toList()) {
        addCases(sub, sub.getFileName() + "/", tests);
      }
    }
    return tests.stream();
  }

  /** One test per case of a folder: plain stacks (the first set, layernorm, conditioned) or seq2seq. */
  private static void addCases(Path dir, String folder, List<DynamicTest> tests) throws IOException {
    Agreement.Tolerance tolerance = forwardTolerance(dir.resolve("index.json"));
    for (Path json : jsonCases(dir)) {
      String name = json.getFileName().toString().replace(".json", "");
      Object kind = config(json).get("kind");
      tests.add(DynamicTest.dynamicTest(folder + name, () -> {
        if ("seq2seq".equals(kind)) {
          Seq2SeqReferenceCheck.run(name, dir, tolerance);
        } else {
          assertTrue(kind == null || kind.equals("layernorm") || kind.equals("conditioned"),
              folder + name + ": reference case kind '" + kind + "' is not known to OnnxReferenceCaseTest");
          runCase(name, dir, tolerance);
        }
      }));
    }
  }

  private static List<Path> jsonCases(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")
          && !p.getFileName().toString().equals("index.json")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> config(Path json) throws IOException {
    return (Map<String, Object>) Json.parse(Files.readString(json));
  }

  @SuppressWarnings("unchecked")
  static Agreement.Tolerance forwardTolerance(Path index) throws IOException {
    Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(index));
    Map<String, Object> forward = (Map<String, Object>) ((Map<String, Object>) root.get("tolerances")).get("forward");
    return new Agreement.Tolerance(((Number) forward.get("atol")).doubleValue(),
        ((Number) forward.get("rtol")).doubleValue());
  }

  private static void runCase(String name, Path dir, Agreement.Tolerance tolerance) throws Exception {
    Map<String, Object> c = config(dir.resolve(name + ".json"));
    TensorFile tensors = SafeTensors.read(dir.resolve(name + ".safetensors"));
    ModelSource source = declare(name, c);
    RecurrentNetwork net = ModelCompiler.compileAndLoad(source.qualifiedName(), source.source());
    for (ParameterSlot slot : net.layout().slots()) {
      System.arraycopy(tensors.require(slot.name()).floats(), 0, net.parameters(), slot.offset(), slot.length());
    }
    int steps = num(c, "steps");
    int batch = num(c, "batch");
    int inputSize = num(c, "input_size");
    float[] x = tensors.require("x").floats();
    float[] z = tensors.contains("z") ? tensors.require("z").floats() : null;
    Workspace ws = net.newWorkspace(steps, batch);
    Batch input = Batch.dense(steps, batch, x);
    input.conditions = z;
    net.forward(ws, input);

    Agreement agreement = new Agreement("onnx reference " + name, tolerance);
    int[] lengths = new int[batch];
    Arrays.fill(lengths, steps);
    Map<String, float[]> out;
    try (OrtRunner ort = new OrtRunner(OnnxExport.sequenceModel(net, ExportMetadata.none(), true))) {
      ort.floats("input", x, steps, batch, inputSize).ints("lengths", lengths, batch);
      if (z != null) {
        ort.floats("z", z, batch, z.length / batch);
      }
      out = ort.run();
    }
    agreement.check("logits vs expect.logits", tensors.require("expect.logits").floats(), out.get("logits"));
    agreement.check("logits vs Unroll", copy(ws.logits, out.get("logits").length), out.get("logits"));
    agreement.check("hidden vs expect.output", tensors.require("expect.output").floats(), out.get("hidden"));
    agreement.check("hidden vs Unroll", ws.output(), out.get("hidden"));
    int layers = num(rnn(c), "num_layers");
    agreement.check("h_n vs expect.h_n", tensors.require("expect.h_n").floats(), layersConcat(out, "h_n_l", layers));
    if (tensors.contains("expect.c_n")) {
      agreement.check("c_n vs expect.c_n", tensors.require("expect.c_n").floats(), layersConcat(out, "c_n_l", layers));
    }
    if (!(Boolean) rnn(c).get("bidirectional")) {
      checkStepGraph(net, c, tensors, agreement);
    }
    agreement.report();
  }

  /**
   * Runs the step graph over the case's sequence from the initial state and compares each step's
   * logits (many-to-many) or the last step's (many-to-one), and the final states, with the
   * expectations. The initial state is zeros or the learned h0 and c0 broadcast over the batch; a
   * conditioned model starts as the README says: the sequence graph (which takes {@code z}) runs
   * the first step, and the step graph continues from its final states.
   */
  private static void checkStepGraph(RecurrentNetwork net, Map<String, Object> c, TensorFile tensors,
      Agreement agreement) throws Exception {
    int steps = num(c, "steps");
    int batch = num(c, "batch");
    int inputSize = num(c, "input_size");
    int h = num(rnn(c), "hidden_size");
    int layers = num(rnn(c), "num_layers");
    boolean lstm = ((String) rnn(c).get("cell")).startsWith("lstm");
    boolean learned = Boolean.TRUE.equals(c.get("learned_initial_state"));
    float[][] hState = new float[layers][];
    float[][] cState = new float[layers][];
    for (int k = 0; k < layers; k++) {
      hState[k] = learned ? broadcast(tensors.require("h0").floats(), k, h, batch) : new float[batch * h];
      cState[k] = learned && lstm ? broadcast(tensors.require("c0").floats(), k, h, batch) : new float[batch * h];
    }
    float[] x = tensors.require("x").floats();
    float[] expectedLogits = tensors.require("expect.logits").floats();
    boolean perStep = c.get("mode").equals("many_to_many");
    int o = expectedLogits.length / (perStep ? steps * batch : batch);
    float[] stepLogits = new float[perStep ? steps * batch * o : batch * o];
    int first = 0;
    if (tensors.contains("z")) {
      int[] one = new int[batch];
      Arrays.fill(one, 1);
      try (OrtRunner ort = new OrtRunner(OnnxExport.sequenceModel(net, ExportMetadata.none(), true))) {
        float[] z = tensors.require("z").floats();
        Map<String, float[]> out = ort.floats("input", Arrays.copyOf(x, batch * inputSize), 1, batch, inputSize)
            .ints("lengths", one, batch).floats("z", z, batch, z.length / batch).run();
        for (int k = 0; k < layers; k++) {
          hState[k] = out.get("h_n_l" + k);
          cState[k] = lstm ? out.get("c_n_l" + k) : cState[k];
        }
        System.arraycopy(out.get("logits"), 0, stepLogits, 0, batch * o);
      }
      first = 1;
    }
    try (OrtRunner ort = new OrtRunner(OnnxExport.stepModel(net, ExportMetadata.none()))) {
      for (int t = first; t < steps; t++) {
        ort.floats("input", Arrays.copyOfRange(x, t * batch * inputSize, (t + 1) * batch * inputSize), batch, inputSize);
        for (int k = 0; k < layers; k++) {
          ort.floats("h_l" + k, hState[k], 1, batch, h);
          if (lstm) {
            ort.floats("c_l" + k, cState[k], 1, batch, h);
          }
        }
        Map<String, float[]> out = ort.run();
        for (int k = 0; k < layers; k++) {
          hState[k] = out.get("h_n_l" + k);
          cState[k] = lstm ? out.get("c_n_l" + k) : cState[k];
        }
        float[] logits = out.get("logits");
        System.arraycopy(logits, 0, stepLogits, perStep ? t * batch * o : 0, batch * o);
      }
    }
    agreement.check("step graph logits vs expect.logits", expectedLogits, stepLogits);
    agreement.check("step graph h_n vs expect.h_n", tensors.require("expect.h_n").floats(), concat(hState));
    if (lstm) {
      agreement.check("step graph c_n vs expect.c_n", tensors.require("expect.c_n").floats(), concat(cState));
    }
  }

  /** Row {@code k} of {@code [L, H]} repeated for every sequence: {@code [1, B, H]}. */
  private static float[] broadcast(float[] rows, int k, int h, int batch) {
    float[] out = new float[batch * h];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(rows, k * h, out, b * h, h);
    }
    return out;
  }

  private static float[] layersConcat(Map<String, float[]> out, String prefix, int layers) {
    float[][] parts = new float[layers][];
    for (int k = 0; k < layers; k++) {
      parts[k] = out.get(prefix + k);
    }
    return concat(parts);
  }

  private static float[] concat(float[][] parts) {
    float[] all = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static float[] copy(float[] values, int length) {
    return Arrays.copyOf(values, length);
  }

  /** The annotated declaration for a case's configuration (as the processor's ReferenceCaseTest writes it). */
  private static ModelSource declare(String name, Map<String, Object> c) {
    ModelSource s = new ModelSource();
    s.packageName = "reference";
    s.className = "Case_" + name;
    s.steps = num(c, "steps");
    s.inputSize = num(c, "input_size");
    Map<String, Object> rnn = rnn(c);
    String cell = ((String) rnn.get("cell")).toUpperCase(Locale.ROOT);
    boolean layerNorm = Boolean.TRUE.equals(rnn.get("layer_norm"));
    for (int k = 0; k < num(rnn, "num_layers"); k++) {
      s.layer(cell, num(rnn, "hidden_size"), (Boolean) rnn.get("bidirectional"), layerNorm);
    }
    s.learnedInitialState = Boolean.TRUE.equals(c.get("learned_initial_state"));
    s.conditionSize = c.containsKey("condition_size") ? num(c, "condition_size") : 0;
    @SuppressWarnings("unchecked")
    Map<String, Object> head = (Map<String, Object>) c.get("head");
    s.headSize = num(head, "size");
    s.activation = ((String) head.get("activation")).toUpperCase(Locale.ROOT);
    s.headMode = ((String) c.get("mode")).toUpperCase(Locale.ROOT);
    s.loss = ((String) c.get("loss")).toUpperCase(Locale.ROOT);
    return s;
  }

  /** The stack's settings: the second set (FORMAT-v2.md) keeps them in an "rnn" object, the first at the top. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> rnn(Map<String, Object> c) {
    return c.containsKey("rnn") ? (Map<String, Object>) c.get("rnn") : c;
  }

  static int num(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).intValue();
  }
}
