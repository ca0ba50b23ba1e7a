package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Message} of {@code @AssociativeMemory} (tag {@code Hopfield...}): one mistake per
 * declaration, reported once, on the line at fault.
 */
class MemoryValidationTest {

  record Case(String title, String source, String error, String line) {
    @Override
    public String toString() {
      return title;
    }
  }

  private static Case onAnnotation(String title, String arguments, String error, String line) {
    String source = "package test;\n\nimport dev.unroll.dsl.*;\n\n@AssociativeMemory(\n    " + arguments.replace(", ", ",\n    ")
        + ")\npublic class M {}\n";
    return new Case(title, source, error, line);
  }

  static Stream<Case> cases() {
    return Stream.of(
        onAnnotation("units 1", "units = 1", "[HopfieldUnits] units must be in [2, 46340] (N^2 weights in one float[]), was 1",
            "units = 1"),
        onAnnotation("units too many", "units = 50000",
            "[HopfieldUnits] units must be in [2, 46340] (N^2 weights in one float[]), was 50000", "units = 50000"),
        onAnnotation("maxSweeps 0", "units = 4, maxSweeps = 0", "[HopfieldMaxSweeps] maxSweeps must be > 0, was 0",
            "maxSweeps = 0"),
        onAnnotation("bad name", "units = 4, name = \"9lives\"",
            "[HopfieldName] name must be a valid Java identifier, was \"9lives\"", "name = \"9lives\""),
        onAnnotation("name of the declaring class", "units = 4, name = \"M\"",
            "[HopfieldNameClash] generated class test.M would clash with the existing type test.M; choose another name"
                + " with @AssociativeMemory(name = ...)", "name = \"M\""),
        onAnnotation("data with spaces", "units = 4, data = \" p.txt\"",
            "[HopfieldData] data must be a relative or absolute path to a pattern file, or \"\" for none; was \" p.txt\","
                + " which starts or ends with white space", "data = \" p.txt\""),
        new Case("on an interface", "package test;\nimport dev.unroll.dsl.*;\n@AssociativeMemory(units = 4)\npublic interface M {}\n",
            "[HopfieldNotAClass] @AssociativeMemory must be on a class, was on an interface (M)", "interface M"),
        new Case("with @RecurrentModel", """
            package test;
            import dev.unroll.dsl.*;
            @AssociativeMemory(units = 4)
            @RecurrentModel(steps = 3, input = @Input(size = 2), layers = @Layer(cell = Cell.GRU, units = 4),
                head = @Head(size = 1, activation = Activation.LINEAR), loss = Loss.MSE)
            public class M {}
            """, "[HopfieldNotBoth] a class declares either @AssociativeMemory or @RecurrentModel, not both; move one"
                + " to another class", "@AssociativeMemory(units = 4)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheMistakeOnTheValueAtFault(Case c) {
    JavaFileObject file = JavaFileObjects.forSourceString("test.M", c.source());
    Compilation compilation = MemoryCompiler.compile("test.M", c.source());
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(c.error()).inFile(compilationFile(compilation, file)).onLineContaining(c.line());
  }

  /** compile-testing matches files by identity; the file compiled is the one the diagnostics name. */
  private static JavaFileObject compilationFile(Compilation compilation, JavaFileObject fallback) {
    return compilation.sourceFiles().isEmpty() ? fallback : compilation.sourceFiles().get(0);
  }
}
