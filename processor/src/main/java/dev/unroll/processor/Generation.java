package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@link UnrollProcessor}'s work for one kind of declaration over a compilation: a class generated
 * per annotated element (as the kind validates and writes it), the qualified names generated so
 * far (a second class of the same name is a compile error), and the index of them written after
 * the last round. It never throws out of {@link #process}: anything unexpected becomes a compile
 * error on the element, with its stack trace.
 */
final class Generation {
  private final DeclarationKind kind;
  /** Qualified names of the classes generated in this compilation, in order for the index. */
  private final Set<String> generated = new TreeSet<>();

  Generation(DeclarationKind kind) {
    this.kind = kind;
  }

  /** Generates the class of every element of this round annotated with the kind's annotation. */
  void process(RoundEnvironment round, ProcessingEnvironment env) {
    for (Element element : round.getElementsAnnotatedWith(kind.annotation)) {
      try {
        JavaFile file = kind.generate(element, env);
        if (file != null && claim(file, element, env)) {
          file.writeTo(env.getFiler());
        }
      } catch (Annotation.UnresolvedValueException e) {
        // javac has already reported the unresolved value; a second, vaguer error would only confuse.
      } catch (RuntimeException | IOException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        env.getMessager().printMessage(Diagnostic.Kind.ERROR,
            kind.internalError.format(element.getSimpleName(), e) + "\n" + trace, element);
      }
    }
    if (round.processingOver() && !generated.isEmpty()) {
      writeIndex(env);
    }
  }

  /**
   * Records the class of {@code file} as generated; if it already was, reports the name clash on
   * the element and answers false.
   */
  private boolean claim(JavaFile file, Element element, ProcessingEnvironment env) {
    String name = file.typeSpec().name();
    String qualifiedName = file.packageName().isEmpty() ? name : file.packageName() + "." + name;
    if (generated.add(qualifiedName)) {
      return true;
    }
    String other = "another @" + kind.annotation.getSimpleName() + " in this compilation";
    env.getMessager().printMessage(Diagnostic.Kind.ERROR, kind.nameClash.format(qualifiedName, other), element);
    return false;
  }

  private void writeIndex(ProcessingEnvironment env) {
    try {
      FileObject file = env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", kind.index);
      try (Writer w = file.openWriter()) {
        for (String name : generated) {
          w.write(name);
          w.write('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, kind.internalError.format(kind.index, e));
    }
  }
}
