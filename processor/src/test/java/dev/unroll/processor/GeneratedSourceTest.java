package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor writes for valid models: the source of a representative model against a
 * reviewed golden copy, determinism, the model index, method sizes, and the generated class at
 * work on a plain class path.
 *
 * <p>After an intended change to the generator, regenerate the golden copy with {@code mvn -pl
 * processor test -Dtest=GeneratedSourceTest -Dunroll.golden.update=true}, then review its diff.
 */
class GeneratedSourceTest {

  private static final String GOLDEN_RESOURCE = "golden/GoldenNet.java";
  private static final Path GOLDEN_FILE = Path.of("src/test/resources", GOLDEN_RESOURCE);

  /** The golden model: both cell families, peepholes, bidirectional, one-hot, learned state, many-to-one. */
  private static final JavaFileObject GOLDEN = JavaFileObjects.forSourceString("test.Golden", """
      package test;

      import dev.unroll.dsl.*;

      @RecurrentModel(
          steps = 4,
          input = @Input(kind = InputKind.ONE_HOT, size = 5),
          layers = {
              @Layer(cell = Cell.LSTM_PEEPHOLE, units = 3, bidirectional = true),
              @Layer(cell = Cell.GRU, units = 3)
          },
          initialState = InitialState.LEARNED,
          head = @Head(size = 2, activation = Activation.SOFTMAX, mode = HeadMode.MANY_TO_ONE),
          loss = Loss.CROSS_ENTROPY)
      public class Golden {}
      """);

  @Test
  void goldenModelSourceIsAsReviewed() throws IOException {
    Compilation compilation = compile(GOLDEN);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = sourceOf(compilation, "test.GoldenNet");
    if (Boolean.getBoolean("unroll.golden.update")) {
      Files.createDirectories(GOLDEN_FILE.getParent());
      Files.writeString(GOLDEN_FILE, generated, UTF_8);
      Assumptions.abort("wrote " + GOLDEN_FILE.toAbsolutePath() + ": review its diff, then run again without the flag");
    }
    if (javacTreesAccessible()) {
      // a structural (AST) comparison with a readable diff of the first difference
      assertThat(compilation).generatedSourceFile("test.GoldenNet")
          .hasSourceEquivalentTo(JavaFileObjects.forResource(GOLDEN_RESOURCE));
    }
    // the exact text: the structural comparison ignores comments, and the Javadoc was reviewed too
    String golden = JavaFileObjects.forResource(GOLDEN_RESOURCE).getCharContent(true).toString();
    assertEquals(golden.replace("\r\n", "\n"), generated,
        "GoldenNet.java differs from " + GOLDEN_RESOURCE + " (to accept an intended change: -Dunroll.golden.update=true)");
  }

  @Test
  void generationIsDeterministic() {
    Compilation first = compile(GOLDEN);
    Compilation second = compile(GOLDEN);
    assertThat(first).succeeded();
    assertThat(second).succeeded();
    assertArrayEquals(bytesOf(first, "/SOURCE_OUTPUT/test/GoldenNet.java"),
        bytesOf(second, "/SOURCE_OUTPUT/test/GoldenNet.java"));
    assertArrayEquals(bytesOf(first, "/CLASS_OUTPUT/" + UnrollProcessor.MODEL_INDEX),
        bytesOf(second, "/CLASS_OUTPUT/" + UnrollProcessor.MODEL_INDEX));
  }

  @Test
  void modelIndexListsEveryGeneratedClassSorted() {
    // given in reverse order, and one with a custom name: the index is sorted by qualified name
    Compilation compilation = compile(
        model("zoo.Zebra", ""),
        model("zoo.Tagger", "name = \"CustomNet\", "),
        model("app.Aardvark", ""));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "", UnrollProcessor.MODEL_INDEX)
        .contentsAsUtf8String()
        .isEqualTo("app.AardvarkNet\nzoo.CustomNet\nzoo.ZebraNet\n");
  }

  @Test
  void noIndexWithoutModels() {
    Compilation compilation = compile(
        JavaFileObjects.forSourceString("test.Plain", "package test;\n\npublic class Plain {}\n"));
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "", UnrollProcessor.MODEL_INDEX).isEmpty());
  }

  /** HotSpot never JIT-compiles a method of more than 8000 bytes of bytecode (HugeMethodLimit). */
  @Test
  void everyGeneratedMethodStaysJitCompilable() {
    Compilation compilation = compile(JavaFileObjects.forSourceString("test.Large", """
        package test;

        import dev.unroll.dsl.*;

        @RecurrentModel(
            steps = 100,
            input = @Input(size = 512),
            layers = {
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true),
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true),
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true),
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true)
            },
            initialState = InitialState.LEARNED,
            head = @Head(size = 512, activation = Activation.SOFTMAX),
            loss = Loss.CROSS_ENTROPY,
            forgetGateBias = 1f)
        public class Large {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = classesOf(compilation);
    assertEquals(List.of("test.Large", "test.LargeNet", "test.LargeNet$Tape"), new ArrayList<>(classes.keySet()));
    List<String> tooLarge = new ArrayList<>();
    int methods = 0;
    int largest = 0;
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      for (Map.Entry<String, Integer> m : ClassFileMethods.codeLengths(c.getValue()).entrySet()) {
        methods++;
        largest = Math.max(largest, m.getValue());
        if (m.getValue() > 8000) {
          tooLarge.add(c.getKey() + "." + m.getKey() + ": " + m.getValue() + " bytes");
        }
      }
    }
    Map<String, Integer> net = ClassFileMethods.codeLengths(classes.get("test.LargeNet"));
    assertTrue(net.containsKey("forward(Ldev/unroll/runtime/Workspace;Ldev/unroll/runtime/Batch;)V"), net.keySet().toString());
    assertTrue(net.containsKey("backwardL3Reverse(Ltest/LargeNet$Tape;Ldev/unroll/runtime/Batch;)V"), net.keySet().toString());
    assertTrue(net.containsKey("<clinit>()V"), net.keySet().toString());
    assertTrue(methods > 20 && largest > 0, "the scan found " + methods + " methods");
    assertEquals(List.of(), tooLarge, "methods over HotSpot's 8000-byte JIT limit");
  }

  /** The same limit for the widest layer-normalised, conditioned model: its extra calls keep every method small. */
  @Test
  void layerNormalisedConditionedMethodsStayJitCompilable() {
    Compilation compilation = compile(JavaFileObjects.forSourceString("test.LargeLn", """
        package test;

        import dev.unroll.dsl.*;

        @RecurrentModel(
            steps = 100,
            input = @Input(kind = InputKind.ONE_HOT, size = 512),
            layers = {
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true, layerNorm = true, recurrentDropout = 0.1f),
                @Layer(cell = Cell.GRU, units = 512, bidirectional = true, layerNorm = true, recurrentDropout = 0.1f),
                @Layer(cell = Cell.RNN_TANH, units = 512, bidirectional = true, layerNorm = true),
                @Layer(cell = Cell.LSTM, units = 512, bidirectional = true, layerNorm = true, dropout = 0.2f)
            },
            initialState = InitialState.CONDITIONED,
            condition = @Condition(size = 64),
            head = @Head(size = 512, activation = Activation.SOFTMAX),
            loss = Loss.CROSS_ENTROPY)
        public class LargeLn {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = classesOf(compilation);
    List<String> tooLarge = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      for (Map.Entry<String, Integer> m : ClassFileMethods.codeLengths(c.getValue()).entrySet()) {
        if (m.getValue() > 8000) {
          tooLarge.add(c.getKey() + "." + m.getKey() + ": " + m.getValue() + " bytes");
        }
      }
    }
    Map<String, Integer> net = ClassFileMethods.codeLengths(classes.get("test.LargeLnNet"));
    assertTrue(net.containsKey("backwardL0Reverse(Ltest/LargeLnNet$Tape;Ldev/unroll/runtime/Batch;)V"), net.keySet().toString());
    assertEquals(List.of(), tooLarge, "methods over HotSpot's 8000-byte JIT limit");
  }

  @Test
  void generatedClassWorksOnAPlainClassPathWithTheDefaultName(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(model("test.Plain", ""));
    assertThat(compilation).succeededWithoutWarnings();
    runFromClassPath(compilation, dir, "test.PlainNet");
  }

  @Test
  void generatedClassWorksOnAPlainClassPathWithACustomName(@TempDir Path dir) throws Exception {
    Compilation compilation = compile(model("test.Tagger", "name = \"CustomNet\", "));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.CustomNet");
    assertTrue(compilation.generatedSourceFile("test.TaggerNet").isEmpty(), "no class under the default name");
    runFromClassPath(compilation, dir, "test.CustomNet");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Whether compile-testing may parse sources, which {@code hasSourceEquivalentTo} needs: on JDK 16+
   * its parser uses javac internals that {@code jdk.compiler} exports to us only given {@code
   * --add-exports jdk.compiler/com.sun.tools.javac.{api,main,parser,tree,util}=ALL-UNNAMED}.
   */
  private static boolean javacTreesAccessible() {
    Module us = GeneratedSourceTest.class.getModule();
    return ModuleLayer.boot().findModule("jdk.compiler")
        .map(javac -> List.of("api", "main", "parser", "tree", "util").stream()
            .allMatch(p -> javac.isExported("com.sun.tools.javac." + p, us)))
        .orElse(false);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new UnrollProcessor()).compile(sources);
  }

  /** A small dense LSTM tagger, {@code extra} inserted first among the annotation's members. */
  private static JavaFileObject model(String qualifiedName, String extra) {
    int dot = qualifiedName.lastIndexOf('.');
    return JavaFileObjects.forSourceString(qualifiedName, "package " + qualifiedName.substring(0, dot) + ";\n"
        + "\n"
        + "import dev.unroll.dsl.*;\n"
        + "\n"
        + "@RecurrentModel(" + extra + "steps = 3, input = @Input(size = 4),\n"
        + "    layers = @Layer(cell = Cell.LSTM, units = 5),\n"
        + "    head = @Head(size = 3, activation = Activation.SOFTMAX), loss = Loss.CROSS_ENTROPY)\n"
        + "public class " + qualifiedName.substring(dot + 1) + " {}\n");
  }

  /**
   * Writes everything the compilation put in the class output to {@code dir}, finds the network
   * through the model index on a class path of just that directory (over the test's own, which
   * holds the runtime), and trains one step's worth: forward, loss, backward.
   */
  private static void runFromClassPath(Compilation compilation, Path dir, String expectedClass) throws Exception {
    for (JavaFileObject f : compilation.generatedFiles()) {
      String path = f.toUri().getPath();
      int at = path.indexOf("/CLASS_OUTPUT/");
      if (at >= 0) {
        Path target = dir.resolve(path.substring(at + "/CLASS_OUTPUT/".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        GeneratedSourceTest.class.getClassLoader())) {
      List<String> indexed = new ArrayList<>();
      for (URL index : Collections.list(loader.getResources(UnrollProcessor.MODEL_INDEX))) {
        if (index.getProtocol().equals("file") && Path.of(index.toURI()).startsWith(dir)) {
          try (InputStream in = index.openStream()) {
            new String(in.readAllBytes(), UTF_8).lines().forEach(indexed::add);
          }
        }
      }
      assertEquals(List.of(expectedClass), indexed, "the model index on the class path");

      Class<?> type = Class.forName(expectedClass, true, loader);
      assertEquals(loader, type.getClassLoader(), "loaded from the class path directory");
      RecurrentNetwork net = (RecurrentNetwork) type.getDeclaredConstructor().newInstance();
      assertEquals(expectedClass.substring(expectedClass.lastIndexOf('.') + 1), net.spec().name());

      int steps = 3;
      int batchSize = 2;
      float[] features = new float[steps * batchSize * 4];
      for (int i = 0; i < features.length; i++) {
        features[i] = (float) Math.sin(i);
      }
      Batch batch = Batch.dense(steps, batchSize, features);
      batch.classTargets = new int[] {0, 1, 2, 2, 1, 0};
      Workspace ws = net.newWorkspace(steps, batchSize);
      ws.zeroGradients();
      net.forward(ws, batch);
      float loss = net.loss(ws, batch);
      net.backward(ws, batch);
      assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
      assertNotNull(ws.gradients);
      double norm = 0;
      for (float g : ws.gradients) {
        assertTrue(Float.isFinite(g));
        norm += g * g;
      }
      assertTrue(norm > 0, "backward wrote gradients");
      assertFalse(ws.logits.length == 0);
    }
  }

  /** Every generated class file by binary name, sorted. */
  private static Map<String, byte[]> classesOf(Compilation compilation) {
    Map<String, byte[]> classes = new TreeMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - 6);
        classes.put(name.replace('/', '.'), read(f));
      }
    }
    return classes;
  }

  private static String sourceOf(Compilation compilation, String qualifiedName) {
    JavaFileObject f = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName));
    return new String(read(f), UTF_8);
  }

  private static byte[] bytesOf(Compilation compilation, String path) {
    return compilation.generatedFiles().stream()
        .filter(f -> f.toUri().getPath().endsWith(path))
        .findFirst()
        .map(GeneratedSourceTest::read)
        .orElseThrow(() -> new AssertionError("nothing generated at " + path));
  }

  private static byte[] read(JavaFileObject f) {
    try (InputStream in = f.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
