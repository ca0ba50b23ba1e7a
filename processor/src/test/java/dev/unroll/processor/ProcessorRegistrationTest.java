package dev.unroll.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is found the way builds find it: through {@code
 * META-INF/services/javax.annotation.processing.Processor} on the class path, with no explicit
 * {@code -processor} option; the one processor generates all three kinds of class.
 */
class ProcessorRegistrationTest {

  private static final String SERVICE = "META-INF/services/" + Processor.class.getName();

  private static final JavaFileObject MODEL = JavaFileObjects.forSourceString("test.Discovered", """
      package test;

      import dev.unroll.dsl.*;

      @RecurrentModel(steps = 3, input = @Input(size = 2), layers = @Layer(cell = Cell.GRU, units = 4),
          head = @Head(size = 1, activation = Activation.LINEAR), loss = Loss.MSE)
      public class Discovered {}
      """);

  private static final JavaFileObject MEMORY = JavaFileObjects.forSourceString("test.Remembered", """
      package test;

      import dev.unroll.dsl.*;

      @AssociativeMemory(units = 4)
      public class Remembered {}
      """);

  private static final JavaFileObject ENCODER_DECODER = JavaFileObjects.forSourceString("test.Translated", """
      package test;

      import dev.unroll.dsl.*;

      @EncoderDecoder(encoder = @Encoder(inputSize = 3, units = 2), decoder = @Decoder(vocabulary = 4, units = 2))
      public class Translated {}
      """);

  @Test
  void serviceFileNamesTheProcessor() throws IOException {
    List<String> entries = new ArrayList<>();
    for (URL url : Collections.list(ProcessorRegistrationTest.class.getClassLoader().getResources(SERVICE))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), UTF_8).lines()
            .map(line -> line.replaceAll("#.*", "").strip())
            .filter(line -> !line.isEmpty())
            .forEach(entries::add);
      }
    }
    List<String> ours = entries.stream().filter(entry -> entry.startsWith("dev.unroll.")).toList();
    assertEquals(List.of(UnrollProcessor.class.getName()), ours, "service entries: " + entries);
  }

  /**
   * javac before 23 instantiates every processor it finds on the class path, where a build may put
   * the processor jar without its dependencies (the Maven plugin's own compilation does): the
   * processor must then still construct and answer, without JavaPoet.
   */
  @Test
  void theProcessorConstructsWithoutJavaPoet() throws Exception {
    URL[] withoutJavaPoet = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("javapoet"))
        .map(ProcessorRegistrationTest::url)
        .toArray(URL[]::new);
    try (URLClassLoader loader = new URLClassLoader(withoutJavaPoet, ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.palantir.javapoet.JavaFile"));
      Processor processor = ServiceLoader.load(Processor.class, loader).stream()
          .filter(p -> p.type().getName().equals(UnrollProcessor.class.getName()))
          .findFirst().orElseThrow().get();
      assertEquals(3, processor.getSupportedAnnotationTypes().size());
    }
  }

  private static URL url(String classPathEntry) {
    try {
      return Path.of(classPathEntry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(classPathEntry, e);
    }
  }

  @Test
  void theProcessorSupportsAllThreeAnnotations() {
    assertEquals(Set.of("dev.unroll.dsl.RecurrentModel", "dev.unroll.dsl.AssociativeMemory",
        "dev.unroll.dsl.EncoderDecoder"), new UnrollProcessor().getSupportedAnnotationTypes());
  }

  @Test
  void serviceLoaderInstantiatesTheProcessor() {
    boolean found = ServiceLoader.load(Processor.class, ProcessorRegistrationTest.class.getClassLoader()).stream()
        .anyMatch(p -> p.type() == UnrollProcessor.class);
    assertTrue(found, "ServiceLoader finds " + UnrollProcessor.class.getName());
  }

  /**
   * Compiles with the system compiler and no {@code -processor} option, so javac must discover the
   * processor itself. (compile-testing's {@code javac()} cannot show this: it always calls {@code
   * setProcessors}, even with an empty list, which turns discovery off.) {@code -proc:full} asks for
   * discovery on every JDK from 17.0.11 on; JDK 23 and later need it (see the next test).
   */
  @Test
  void plainJavacWithProcFullDiscoversTheProcessorOnTheClassPath(@TempDir Path out) throws IOException {
    Path sources = compileDiscovering(out, List.of("-proc:full"));
    assertTrue(Files.isRegularFile(sources.resolve("test/DiscoveredNet.java")), "generated source");
    Path classes = out.resolve("classes");
    assertTrue(Files.isRegularFile(classes.resolve("test/DiscoveredNet.class")), "compiled network");
    assertTrue(Files.isRegularFile(classes.resolve("test/DiscoveredNet$Tape.class")), "compiled workspace");
    assertEquals("test.DiscoveredNet\n", Files.readString(classes.resolve(UnrollProcessor.MODEL_INDEX), UTF_8));
    assertEquals("test.RememberedNet\n", Files.readString(classes.resolve(UnrollProcessor.MEMORY_INDEX), UTF_8));
    assertEquals("test.TranslatedNet\n",
        Files.readString(classes.resolve(UnrollProcessor.ENCODER_DECODER_INDEX), UTF_8));
  }

  /**
   * Without an option, javac before 23 runs the processors it finds on the class path; javac 23
   * and later run none (JDK-8321314), which is why the README asks for {@code
   * annotationProcessorPaths} (a processor path always runs) or {@code -proc:full}.
   */
  @Test
  void plainJavacWithoutOptionsDiscoversTheProcessorOnlyBeforeJdk23(@TempDir Path out) throws IOException {
    Path sources = compileDiscovering(out, List.of());
    boolean generated = Files.isRegularFile(sources.resolve("test/DiscoveredNet.java"));
    if (Runtime.version().feature() < 23) {
      assertTrue(generated, "javac " + Runtime.version() + " discovers class-path processors by default");
    } else {
      assertFalse(generated, "javac " + Runtime.version() + " runs no class-path processor without -proc:full");
    }
  }

  /** Compiles {@link #MODEL}, {@link #MEMORY} and {@link #ENCODER_DECODER} with the test class path and {@code extra} options; returns the generated-source folder. */
  private static Path compileDiscovering(Path out, List<String> extra) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(out.resolve("classes"));
    Path sources = Files.createDirectories(out.resolve("generated-sources"));
    List<String> options = new ArrayList<>(List.of(
        "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(),
        "-s", sources.toString()));
    options.addAll(extra);
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      boolean ok = compiler.getTask(null, files, diagnostics, options, null, List.of(MODEL, MEMORY, ENCODER_DECODER)).call();
      assertTrue(ok, "compilation failed: " + diagnostics.getDiagnostics());
    }
    return sources;
  }
}
