package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.Tensor;
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
 * Runs every PyTorch reference case (a {@code NAME.json} configuration and {@code
 * NAME.safetensors} tensors in the reference directory): declares the case's architecture,
 * compiles it with the processor, loads its weights by name and checks outputs, final states,
 * logits, loss and every gradient against the float64 expectations. Adding a case file adds a test.
 *
 * <p>The cases directly in the reference directory and those in its {@link #SUBFOLDERS} (the
 * second set, reference/FORMAT-v2.md; each folder has its own {@code index.json} tolerances) run.
 * Encoder-decoder cases ({@code "kind": "seq2seq"}, in {@code seq2seq/} or directly in the given
 * directory) are {@link Seq2SeqReferenceCaseTest}'s.
 */
class ReferenceCaseTest {

  /** Subfolders of the reference directory whose cases run too, when present. */
  static final List<String> SUBFOLDERS = List.of("layernorm", "conditioned");

  @TestFactory
  Stream<DynamicTest> everyReferenceCase() throws IOException {
    Path dir = ReferenceCases.directory();
    List<DynamicTest> tests = new ArrayList<>(casesIn(dir));
    assertFalse(tests.isEmpty(), "no *.safetensors cases in " + dir);
    for (String sub : SUBFOLDERS) {
      if (Files.isDirectory(dir.resolve(sub))) {
        tests.addAll(casesIn(dir.resolve(sub)));
      }
    }
    return tests.stream();
  }

  private static List<DynamicTest> casesIn(Path dir) throws IOException {
    Tolerances tolerances = Tolerances.read(dir.resolve("index.json"));
    List<Path> cases;
    try (Stream<Path> files = Files.list(dir)) {
      cases = files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
    }
    return cases.stream().map(file -> {
      String name = file.getFileName().toString().replace(".safetensors", "");
      return DynamicTest.dynamicTest(name, () -> runCase(name, dir, tolerances));
    }).toList();
  }

  private static void runCase(String name, Path dir, Tolerances tolerances) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(dir.resolve(name + ".json")));
    if ("seq2seq".equals(config.get("kind"))) {
      return;
    }
    TensorFile tensors = SafeTensors.read(dir.resolve(name + ".safetensors"));
    ModelSource source = declare(name, config);
    RecurrentNetwork net = ModelCompiler.compileAndLoad(source.qualifiedName(), source.source());

    for (ParameterSlot slot : net.layout().slots()) {
      Tensor t = tensors.require(slot.name());
      assertTrue(Arrays.equals(slot.shape(), t.shape()),
          name + ": " + slot.name() + " shape " + Arrays.toString(slot.shape()) + " vs " + Arrays.toString(t.shape()));
      System.arraycopy(t.floats(), 0, net.parameters(), slot.offset(), slot.length());
    }
    int steps = num(config, "steps");
    int batchSize = num(config, "batch");
    Batch batch = Batch.dense(steps, batchSize, tensors.require("x").floats());
    if (tensors.contains("z")) {
      batch.conditions = tensors.require("z").floats();
    }
    Tensor target = tensors.require("target");
    if (config.get("loss").equals("cross_entropy")) {
      batch.classTargets = Arrays.stream(target.longs()).mapToInt(Math::toIntExact).toArray();
    } else {
      batch.valueTargets = target.floats();
    }

    Workspace ws = net.newWorkspace(steps, batchSize);
    ws.zeroGradients();
    net.forward(ws, batch);
    float loss = net.loss(ws, batch);
    net.backward(ws, batch);

    ReferenceComparison cmp = new ReferenceComparison(name);
    cmp.check("expect.output", tensors.require("expect.output").floats(), ws.output(), tolerances.forward());
    cmp.check("expect.h_n", tensors.require("expect.h_n").floats(), concat(ws.finalHidden), tolerances.forward());
    if (tensors.contains("expect.c_n")) {
      cmp.check("expect.c_n", tensors.require("expect.c_n").floats(), concat(ws.finalCell), tolerances.forward());
    }
    cmp.check("expect.logits", tensors.require("expect.logits").floats(), ws.logits, tolerances.forward());
    cmp.check("expect.loss", tensors.require("expect.loss").floats(), new float[] {loss}, tolerances.forward());
    int gradients = 0;
    for (String tensorName : tensors.names()) {
      if (!tensorName.startsWith("grad.")) {
        continue;
      }
      String param = tensorName.substring("grad.".length());
      float[] actual = switch (param) {
        case "x" -> ws.inputGradient;
        case "z" -> ws.conditionGradient();
        default -> net.layout().copyOf(ws.gradients, param);
      };
      cmp.check(tensorName, tensors.require(tensorName).floats(), actual, tolerances.grad());
      gradients++;
    }
    int inputs = tensors.contains("z") ? 2 : 1;
    assertEquals(net.layout().slots().size() + inputs, gradients,
        name + ": every parameter, x (and z) has a gradient in the case");
    cmp.report();
  }

  /** The annotated declaration for a case's configuration. */
  private static ModelSource declare(String name, Map<String, Object> c) {
    ModelSource s = new ModelSource();
    s.packageName = "reference";
    s.className = "Case_" + name;
    s.steps = num(c, "steps");
    s.inputSize = num(c, "input_size");
    // the second set (FORMAT-v2.md) describes the stack in an "rnn" object
    @SuppressWarnings("unchecked")
    Map<String, Object> rnn = c.containsKey("rnn") ? (Map<String, Object>) c.get("rnn") : c;
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

  private static int num(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).intValue();
  }

  /** Final states [L*D][B*H] as one [L*D, B, H] array. */
  private static float[] concat(float[][] states) {
    float[] out = new float[Arrays.stream(states).mapToInt(s -> s.length).sum()];
    int at = 0;
    for (float[] s : states) {
      System.arraycopy(s, 0, out, at, s.length);
      at += s.length;
    }
    return out;
  }

  record Tolerance(double atol, double rtol) {}

  record Tolerances(Tolerance forward, Tolerance grad) {
    @SuppressWarnings("unchecked")
    static Tolerances read(Path index) throws IOException {
      Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(index));
      Map<String, Object> t = (Map<String, Object>) root.get("tolerances");
      return new Tolerances(of((Map<String, Object>) t.get("forward")), of((Map<String, Object>) t.get("grad")));
    }

    private static Tolerance of(Map<String, Object> m) {
      return new Tolerance(((Number) m.get("atol")).doubleValue(), ((Number) m.get("rtol")).doubleValue());
    }
  }
}
