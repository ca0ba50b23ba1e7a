package dev.unroll.processor;

import dev.unroll.dsl.AssociativeMemory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates a Hopfield network class for every {@code @AssociativeMemory} class: validate (every
 * mistake a compile error on the value at fault), then write with {@link MemoryWriter}. After the
 * last round it writes the memory index {@value #INDEX}, from which {@code rnn:train} finds the
 * memories whose patterns it stores. It never throws out of {@link #process}.
 */
public final class AssociativeMemoryProcessor extends AbstractProcessor {

  /** Class-output resource listing the generated memory classes (as {@code PatternStoring.INDEX}). */
  public static final String INDEX = "META-INF/unroll/memories";

  private final Set<String> generated = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AssociativeMemory.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(AssociativeMemory.class)) {
      try {
        generate(element);
      } catch (Annotation.UnresolvedValueException e) {
        // javac has already reported the unresolved value.
      } catch (RuntimeException | IOException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            MemoryMessage.INTERNAL.format(element.getSimpleName(), e) + "\n" + trace, element);
      }
    }
    if (round.processingOver() && !generated.isEmpty()) {
      writeIndex();
    }
    return false;
  }

  private void generate(Element element) throws IOException {
    MemoryDescription memory = new MemoryValidator(processingEnv.getElementUtils(), processingEnv.getMessager())
        .read(element);
    if (memory == null) {
      return;
    }
    if (!generated.add(memory.qualifiedName())) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          MemoryMessage.NAME_CLASH.format(memory.qualifiedName(), "another @AssociativeMemory in this compilation"),
          element);
      return;
    }
    new MemoryWriter(memory).write(element).writeTo(processingEnv.getFiler());
  }

  private void writeIndex() {
    try {
      FileObject index = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
      try (Writer w = index.openWriter()) {
        for (String name : generated) {
          w.write(name);
          w.write('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, MemoryMessage.INTERNAL.format(INDEX, e));
    }
  }
}
