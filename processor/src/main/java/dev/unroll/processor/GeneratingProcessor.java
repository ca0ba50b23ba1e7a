package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
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
 * What the project's processors share: one annotation, a class generated per annotated element
 * (each processor only validates and writes it, in {@link #generate}), the qualified names
 * generated so far (a second model of the same name is a compile error), and an optional index of
 * them written after the last round. It never throws out of {@link #process}: anything unexpected
 * becomes a compile error on the element, with its stack trace.
 */
abstract class GeneratingProcessor extends AbstractProcessor {
  private final Class<? extends java.lang.annotation.Annotation> annotation;
  /** Class-output resource listing the generated classes, one qualified name a line; null for none. */
  private final String index;
  /** Qualified names of the classes generated in this compilation, in order for the index. */
  private final Set<String> generated = new TreeSet<>();

  /** The compile error for something unexpected while generating {@code what} (arguments: what, exception). */
  private final Message internalError;
  /** The compile error for a second class of the same name (arguments: the name, what it clashes with). */
  private final Message nameClash;

  GeneratingProcessor(Class<? extends java.lang.annotation.Annotation> annotation, String index,
      Message internalError, Message nameClash) {
    this.annotation = annotation;
    this.index = index;
    this.internalError = internalError;
    this.nameClash = nameClash;
  }

  /**
   * Validates {@code element}, reporting every mistake on it, and writes its class: the source to
   * file, or null if the declaration has mistakes.
   */
  abstract JavaFile generate(Element element);

  @Override
  public final Set<String> getSupportedAnnotationTypes() {
    return Set.of(annotation.getCanonicalName());
  }

  @Override
  public final SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public final boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      try {
        JavaFile file = generate(element);
        if (file != null && claim(file, element)) {
          file.writeTo(processingEnv.getFiler());
        }
      } catch (Annotation.UnresolvedValueException e) {
        // javac has already reported the unresolved value; a second, vaguer error would only confuse.
      } catch (RuntimeException | IOException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            internalError.format(element.getSimpleName(), e) + "\n" + trace, element);
      }
    }
    if (round.processingOver() && index != null && !generated.isEmpty()) {
      writeIndex();
    }
    return false;
  }

  /**
   * Records the class of {@code file} as generated; if it already was, reports the name clash on
   * the element and answers false.
   */
  private boolean claim(JavaFile file, Element element) {
    String name = file.typeSpec().name();
    String qualifiedName = file.packageName().isEmpty() ? name : file.packageName() + "." + name;
    if (generated.add(qualifiedName)) {
      return true;
    }
    String other = "another @" + annotation.getSimpleName() + " in this compilation";
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, nameClash.format(qualifiedName, other), element);
    return false;
  }

  private void writeIndex() {
    try {
      FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", index);
      try (Writer w = file.openWriter()) {
        for (String name : generated) {
          w.write(name);
          w.write('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, internalError.format(index, e));
    }
  }
}
