package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every encoder-decoder reference case of {@code reference/seq2seq/} (FORMAT-v2,
 * "Encoder-decoder"): declares the case's architecture with {@code @EncoderDecoder}, compiles it
 * with the processor, loads the weights by name, runs the generated teacher-forced forward and
 * backward pass and compares the encoder and decoder states, attention weights, attentional states
 * and logits at the defined (unpadded) positions, the loss, and every gradient everywhere. Prints
 * {@code reference <name>: PASS|FAIL (...)} per case. The runtime's {@link
 * InterpretedEncoderDecoder} (the reference for the generated code in other tests) runs every case
 * too, printing {@code reference <name> (interpreted): ...}.
 */
class Seq2SeqReferenceCaseTest {

  @TestFactory
  Stream<DynamicTest> everySeq2SeqCase() throws IOException {
    Path root = ReferenceCases.directory();
    Path dir = Files.isRegularFile(root.resolve("seq2seq/index.json")) ? root.resolve("seq2seq") : root;
    ReferenceCaseTest.Tolerances tolerances = ReferenceCaseTest.Tolerances.read(dir.resolve("index.json"));
    List<Path> cases;
    try (Stream<Path> files = Files.list(dir)) {
      cases = files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
    }
    assertFalse(cases.isEmpty(), "no *.safetensors cases in " + dir);
    return cases.stream().flatMap(file -> {
      String name = file.getFileName().toString().replace(".safetensors", "");
      return Stream.of(DynamicTest.dynamicTest(name, () -> runCase(name, dir, tolerances, true)),
          DynamicTest.dynamicTest(name + " (interpreted)", () -> runCase(name, dir, tolerances, false)));
    });
  }

  private static void runCase(String name, Path dir, ReferenceCaseTest.Tolerances tol, boolean generated)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(dir.resolve(name + ".json")));
    if (!"seq2seq".equals(config.get("kind"))) {
      return;
    }
    TensorFile tensors = SafeTensors.read(dir.resolve(name + ".safetensors"));
    Seq2SeqSpec spec = specOf(name, config);
    EncoderDecoder net = generated ? Seq2SeqCompiler.compile(spec).network() : new InterpretedEncoderDecoder(spec);
    List<String> canonical = new ArrayList<>();
    for (ParameterSlot slot : net.layout().slots()) {
      Tensor t = tensors.require(slot.name());
      assertTrue(Arrays.equals(slot.shape(), t.shape()),
          name + ": " + slot.name() + " shape " + Arrays.toString(slot.shape()) + " vs " + Arrays.toString(t.shape()));
      System.arraycopy(t.floats(), 0, net.parameters(), slot.offset(), slot.length());
      canonical.add(slot.name());
    }
    int s = num(config, "source_steps");
    int steps = num(config, "target_steps");
    int n = num(config, "batch");
    Seq2SeqBatch batch = new Seq2SeqBatch(s, steps, n);
    batch.source = tensors.require("x").floats();
    batch.decoderInput = ints(tensors.require("decoder_input"));
    batch.targets = ints(tensors.require("target"));
    batch.sourceLengths = tensors.contains("source_lengths") ? ints(tensors.require("source_lengths")) : null;
    batch.targetLengths = tensors.contains("target_lengths") ? ints(tensors.require("target_lengths")) : null;

    Seq2SeqWorkspace ws = net.newWorkspace(s, steps, n);
    ws.zeroGradients();
    net.forward(ws, batch);
    float loss = net.loss(ws, batch);
    net.backward(ws, batch);

    ReferenceComparison cmp = new ReferenceComparison(generated ? name : name + " (interpreted)");
    cmp.check("expect.encoder_output", tensors, ws.encoderOutput(), n, batch.sourceLengths, tol.forward());
    cmp.check("expect.decoder_output", tensors, ws.decoderOutput(), n, batch.targetLengths, tol.forward());
    if (spec.attention() != Attention.NONE) {
      cmp.check("expect.attention", tensors, ws.attention(), n, batch.targetLengths, tol.forward());
      cmp.check("expect.attentional_hidden", tensors, ws.attentionalHidden(), n, batch.targetLengths, tol.forward());
    }
    cmp.check("expect.logits", tensors, ws.logits(), n, batch.targetLengths, tol.forward());
    cmp.check("expect.loss", tensors, new float[] {loss}, n, null, tol.forward());
    int gradients = 0;
    for (String tensorName : tensors.names()) {
      if (!tensorName.startsWith("grad.")) {
        continue;
      }
      String param = tensorName.substring("grad.".length());
      float[] actual = param.equals("x") ? ws.sourceGradient() : net.layout().copyOf(ws.gradients(), param);
      cmp.check(tensorName, tensors, actual, n, null, tol.grad());
      gradients++;
    }
    boolean denseSource = !(Boolean) config.get("x_one_hot");
    assertEquals(net.layout().slots().size() + (denseSource ? 1 : 0), gradients,
        name + ": every parameter (and a dense x) has a gradient in the case");
    String metadata = tensors.metadata().getOrDefault("parameters", "");
    assertEquals(metadata, String.join(",", canonical), name + ": canonical parameter order");
    cmp.report();
  }

  /** The description of a case's configuration. */
  @SuppressWarnings("unchecked")
  static Seq2SeqSpec specOf(String name, Map<String, Object> c) {
    Map<String, Object> enc = (Map<String, Object>) c.get("encoder");
    Map<String, Object> dec = (Map<String, Object>) c.get("decoder");
    Map<String, Object> head = (Map<String, Object>) c.get("head");
    Attention attention = Attention.valueOf(((String) c.get("attention")).toUpperCase(Locale.ROOT));
    return new Seq2SeqSpec("Case_" + name, num(enc, "input_size"), false,
        stack(enc, (Boolean) enc.get("bidirectional")), stack(dec, false), num(dec, "input_size"), attention,
        c.containsKey("attention_size") ? num(c, "attention_size") : 0, num(head, "size"));
  }

  private static List<LayerSpec> stack(Map<String, Object> m, boolean bidirectional) {
    Cell cell = Cell.valueOf(((String) m.get("cell")).toUpperCase(Locale.ROOT));
    return Collections.nCopies(num(m, "num_layers"), new LayerSpec(cell, num(m, "hidden_size"), bidirectional, 0f, 0f));
  }

  private static int[] ints(Tensor t) {
    return Arrays.stream(t.longs()).mapToInt(Math::toIntExact).toArray();
  }

  private static int num(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).intValue();
  }
}
