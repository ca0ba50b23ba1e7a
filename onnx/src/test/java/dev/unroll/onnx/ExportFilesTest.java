package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.model.ModelSpec;
import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files an export writes, what they carry, and what it refuses to write. */
class ExportFilesTest {
  private static RecurrentNetwork charModel;
  private static RecurrentNetwork bidirectional;

  @TempDir
  Path dir;

  @BeforeAll
  static void compile() {
    ModelSource s = new ModelSource();
    s.packageName = "files";
    s.className = "Chars";
    s.steps = 10;
    s.inputKind = "ONE_HOT";
    s.inputSize = 4;
    s.layer("LSTM", 5, false).layer("GRU", 5, false);
    s.learnedInitialState = true;
    s.headSize = 4;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    charModel = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    charModel.initialize(7);

    ModelSource b = new ModelSource();
    b.packageName = "files";
    b.className = "Series";
    b.steps = 6;
    b.inputSize = 2;
    b.layer("GRU", 3, true);
    b.headSize = 2;
    b.headMode = "MANY_TO_ONE";
    b.activation = "LINEAR";
    b.loss = "MSE";
    bidirectional = ModelCompiler.compileAndLoad(b.qualifiedName(), b.source());
    bidirectional.initialize(3);
  }

  @Test
  void trainedModelExportsBothGraphsWithItsMetadata() throws Exception {
    Vocabulary vocab = Vocabulary.of(List.of("a", "b", "c", "\n"));
    ModelCard card = ModelCard.of(charModel.spec(), Map.of("loss", 1.25), 3, "abc123", Map.of("origin", "test",
        "labels", "{\"symbols\":[\"A\",\"B\",\"C\",\"D\"]}"));
    List<Path> written = OnnxExport.write(TrainedModel.of(charModel, vocab, null, card), dir);

    assertEquals(List.of(dir.resolve("CharsNet.onnx"), dir.resolve("CharsNet.step.onnx")), written);
    assertEquals(List.of("CharsNet.onnx", "CharsNet.step.onnx"), listing());
    try (OrtRunner ort = new OrtRunner(Files.readAllBytes(written.get(0)))) {
      Map<String, String> meta = ort.session().getMetadata().getCustomMetadata();
      assertEquals("CharsNet", meta.get(ExportMetadata.MODEL));
      assertEquals("sequence", meta.get(ExportMetadata.GRAPH));
      assertEquals(vocab, Vocabulary.fromJson(meta.get(ExportMetadata.VOCABULARY)));
      assertEquals(card, ModelCard.fromJson("metadata", meta.get(ExportMetadata.CARD)));
      assertEquals(Vocabulary.of(List.of("A", "B", "C", "D")), Vocabulary.fromJson(meta.get(ExportMetadata.LABELS)));
      assertTrue(meta.get(ExportMetadata.ARCHITECTURE).contains("\"LSTM\""), meta.get(ExportMetadata.ARCHITECTURE));
      assertEquals("unroll", ort.session().getMetadata().getProducerName());
      assertEquals(List.of("input", "lengths"), List.copyOf(ort.session().getInputNames()));
    }
    try (OrtRunner ort = new OrtRunner(Files.readAllBytes(written.get(1)))) {
      assertEquals("step", ort.session().getMetadata().getCustomMetadata().get(ExportMetadata.GRAPH));
      assertEquals(List.of("input", "h_l0", "c_l0", "h_l1"), List.copyOf(ort.session().getInputNames()));
    }
  }

  @Test
  void denseModelCarriesLabelsAndNormalisation() throws Exception {
    Vocabulary labels = Vocabulary.of(List.of("up", "down"));
    Normalization norm = new Normalization(List.of("x", "y"), new double[] {1.5, -2}, new double[] {0.5, 3});
    OnnxExport.writeSequence(bidirectional, new ExportMetadata(null, labels, norm), dir.resolve("s.onnx"));
    try (OrtRunner ort = new OrtRunner(Files.readAllBytes(dir.resolve("s.onnx")))) {
      Map<String, String> meta = ort.session().getMetadata().getCustomMetadata();
      assertEquals(labels, Vocabulary.fromJson(meta.get(ExportMetadata.LABELS)));
      Normalization read = Normalization.fromJson(meta.get(ExportMetadata.NORMALIZATION));
      assertEquals(norm.names(), read.names());
      assertEquals(-2.0, read.mean(1));
      assertEquals(3.0, read.std(1));
      assertFalse(meta.containsKey(ExportMetadata.VOCABULARY));
    }
  }

  @Test
  void bidirectionalModelHasNoStepGraphAndSaysWhy() throws Exception {
    Files.writeString(dir.resolve("SeriesNet.step.onnx"), "left from an earlier, unidirectional version");
    List<Path> written = OnnxExport.write(bidirectional, ExportMetadata.none(), dir);
    assertEquals(List.of(dir.resolve("SeriesNet.onnx")), written);
    assertEquals(List.of("SeriesNet.onnx"), listing(), "the stale step graph is removed");
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> OnnxExport.stepModel(bidirectional, ExportMetadata.none()));
    assertEquals("SeriesNet: layer 0 is bidirectional, so the model reads whole sequences and has no step graph;"
        + " export the sequence graph only", e.getMessage());
  }

  @Test
  void nonFiniteWeightsAreRefusedAndNothingIsWritten() throws Exception {
    ParameterSlot slot = charModel.layout().slot("rnn.weight_hh_l1");
    float[] p = charModel.parameters();
    float old = p[slot.offset() + 2];
    p[slot.offset() + 2] = Float.NaN;
    try {
      Path target = dir.resolve("x.onnx");
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExport.writeSequence(charModel, ExportMetadata.none(), target));
      assertEquals("CharsNet: parameter rnn.weight_hh_l1 holds NaN at element 2; a model with non-finite weights"
          + " (a diverged training) is not exported", e.getMessage());
      assertEquals(List.of(), listing());
    } finally {
      p[slot.offset() + 2] = old;
    }
  }

  /**
   * A network with a parameter no exporter part reads stands for a model kind added to the DSL
   * after the exporter (layer norm, conditioned states, ...): it is an error naming the
   * parameters, and a file already there is left as it was.
   */
  @Test
  void unknownArchitecturePartIsAnErrorNamingItAndLeavesTheOldFile() throws Exception {
    RecurrentNetwork extended = withExtraParameter(charModel, "rnn.ln_ih_weight_l0", 20);
    Path target = dir.resolve("CharsNet.onnx");
    Files.writeString(target, "previous export");
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> OnnxExport.write(extended, ExportMetadata.none(), dir));
    assertEquals("CharsNet: cannot export the sequence graph: parameters [rnn.ln_ih_weight_l0] belong to a part of"
        + " the architecture this exporter does not support yet (opset 17); nothing was written", e.getMessage());
    assertEquals("previous export", Files.readString(target));
    assertEquals(List.of("CharsNet.onnx"), listing());
  }

  @Test
  void vocabularyOfTheWrongSizeIsRefused() {
    ExportMetadata meta = new ExportMetadata(null, Vocabulary.of(List.of("a", "b")), null);
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> OnnxExport.sequenceModel(charModel, meta, true));
    assertEquals("CharsNet: the vocabulary has 2 symbols, the model reads 4 input symbols", e.getMessage());
  }

  @Test
  void exportIsDeterministic() {
    assertArrayEquals(OnnxExport.sequenceModel(charModel, ExportMetadata.none(), true),
        OnnxExport.sequenceModel(charModel, ExportMetadata.none(), true));
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** {@code net} with one more parameter tensor appended to its layout. */
  private static RecurrentNetwork withExtraParameter(RecurrentNetwork net, String name, int size) {
    List<ParameterSlot> slots = new ArrayList<>(net.layout().slots());
    slots.add(new ParameterSlot(name, new int[] {size}, net.layout().size()));
    ParameterLayout layout = new ParameterLayout(slots);
    float[] params = Arrays.copyOf(net.parameters(), layout.size());
    return new RecurrentNetwork() {
      @Override
      public ModelSpec spec() {
        return net.spec();
      }

      @Override
      public ParameterLayout layout() {
        return layout;
      }

      @Override
      public float[] parameters() {
        return params;
      }

      @Override
      public void initialize(long seed) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Workspace newWorkspace(int maxSteps, int maxBatch) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void forward(Workspace ws, Batch batch) {
        throw new UnsupportedOperationException();
      }

      @Override
      public float loss(Workspace ws, Batch batch) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void backward(Workspace ws, Batch batch) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
