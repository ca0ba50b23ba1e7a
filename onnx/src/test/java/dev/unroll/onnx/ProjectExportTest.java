package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.processor.ModelCompiler;
import dev.unroll.processor.ModelSource;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Seq2SeqArtifacts;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code rnn:export} does, on a real class output: the model index, the generated classes and
 * trained artifacts, exported into a directory or beside the weights (so the jar packages them).
 */
class ProjectExportTest {
  @TempDir
  Path project;
  private Path classes;
  private URLClassLoader loader;

  @BeforeEach
  void compileAndTrain() throws Exception {
    classes = project.resolve("target/classes");
    ModelSource s = new ModelSource();
    s.packageName = "demo";
    s.className = "Chars";
    s.steps = 5;
    s.inputKind = "ONE_HOT";
    s.inputSize = 3;
    s.layer("GRU", 4, false);
    s.headSize = 3;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    ModelCompiler.compileInto(s.qualifiedName(), s.source(), classes);
    loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    RecurrentNetwork net = (RecurrentNetwork) loader.loadClass("demo.CharsNet")
        .getDeclaredConstructor().newInstance();
    net.initialize(5);
    ModelArtifacts.save(classes.resolve("demo"), net, Vocabulary.of(List.of("x", "y", "z")), null,
        ModelCard.of(net.spec(), Map.of(), 1, null, null));
  }

  @Test
  void exportsEveryIndexedModelIntoTheOutputDirectory() throws Exception {
    List<String> log = new ArrayList<>();
    Path out = project.resolve("target/onnx");
    List<ProjectExport.Exported> exported =
        ProjectExport.run(new ProjectExport.Request(classes, loader, List.of(), out), log::add);
    assertEquals(List.of(new ProjectExport.Exported("CharsNet",
        List.of(out.resolve("CharsNet.onnx"), out.resolve("CharsNet.step.onnx")))), exported);
    assertEquals(List.of("Exported CharsNet to [" + out.resolve("CharsNet.onnx") + ", " + out.resolve("CharsNet.step.onnx")
        + "]"), log);
    try (OrtRunner ort = new OrtRunner(Files.readAllBytes(out.resolve("CharsNet.onnx")))) {
      assertEquals("{\"symbols\":[\"x\",\"y\",\"z\"]}",
          ort.session().getMetadata().getCustomMetadata().get(ExportMetadata.VOCABULARY));
    }
  }

  @Test
  void packagesTheGraphsBesideTheWeights() throws Exception {
    ProjectExport.run(new ProjectExport.Request(classes, loader, List.of("demo.CharsNet"), null), line -> {});
    assertTrue(Files.isRegularFile(classes.resolve("demo/CharsNet.onnx")));
    assertTrue(Files.isRegularFile(classes.resolve("demo/CharsNet.step.onnx")));
  }

  @Test
  void untrainedModelIsAnErrorThatSaysWhatToRun() throws Exception {
    Files.delete(classes.resolve("demo/CharsNet.safetensors"));
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> ProjectExport.run(new ProjectExport.Request(classes, loader, List.of(), null), line -> {}));
    assertEquals("Model CharsNet: no trained weights in " + classes.resolve("demo") + " (CharsNet.safetensors); run"
        + " rnn:train first (mvn verify runs it in process-classes)", e.getMessage());
  }

  @Test
  void unknownModelNameListsTheProjectsModels() {
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> ProjectExport.run(new ProjectExport.Request(classes, loader, List.of("Words"), null), line -> {}));
    assertEquals("Model Words is not among the project's models [demo.CharsNet] ("
        + classes.resolve(ProjectExport.INDEX) + ")", e.getMessage());
  }

  /**
   * An encoder-decoder in the project (listed in the encoder-decoders' index) exports as its two
   * graphs, holding the trained weights, not those {@code create} draws.
   */
  @Test
  void exportsEncoderDecodersAsEncoderAndDecoderStepGraphs() throws Exception {
    String declaration = "package demo;\nimport dev.unroll.dsl.*;\n@EncoderDecoder(\n"
        + "    encoder = @Encoder(input = InputKind.ONE_HOT, inputSize = 4, cell = Cell.GRU, units = 3,"
        + " bidirectional = true),\n"
        + "    decoder = @Decoder(vocabulary = 5, cell = Cell.LSTM, units = 6),\n"
        + "    attention = Attention.DOT, outputs = 5, name = \"SpellNet\")\nclass Spell {}\n";
    ModelCompiler.compileInto("demo.Spell", declaration, classes);
    loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    EncoderDecoder trained = (EncoderDecoder) loader.loadClass("demo.SpellNet").getMethod("create", long.class)
        .invoke(null, 7L);
    Seq2SeqArtifacts.save(classes.resolve("demo"), trained, Vocabulary.of(List.of("<unk>", "a", "b", "c")),
        Vocabulary.of(List.of("<s>", "</s>", "<unk>", "X", "Y")),
        Seq2SeqArtifacts.card(trained.spec(), Map.of(), 1, null, Map.of()));

    Path out = project.resolve("target/onnx");
    List<ProjectExport.Exported> exported =
        ProjectExport.run(new ProjectExport.Request(classes, loader, List.of("SpellNet"), out), line -> {});

    assertEquals(List.of(new ProjectExport.Exported("SpellNet",
        List.of(out.resolve("SpellNet.encoder.onnx"), out.resolve("SpellNet.decoder.onnx")))), exported);
    Path direct = project.resolve("direct");
    Seq2SeqExport.write(trained.spec(), Seq2SeqExport.parametersOf(trained.layout(), trained.parameters()), direct);
    for (String file : List.of("SpellNet.encoder.onnx", "SpellNet.decoder.onnx")) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(direct.resolve(file)), Files.readAllBytes(out.resolve(file))),
          file + " does not hold the trained weights");
    }
  }
}
