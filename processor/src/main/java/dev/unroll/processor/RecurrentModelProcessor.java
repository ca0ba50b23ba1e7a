package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.RecurrentModel;
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
 * Generates a specialised network class for every {@code @RecurrentModel} class: validate and
 * print the report, stop if it is not clean, then build the model description, check that its
 * arrays fit, then write. After
 * the last round it writes the model index {@value #INDEX} listing every generated class, so that
 * tools find the models on a classpath. It never throws out of {@link #process}.
 */
public final class RecurrentModelProcessor extends AbstractProcessor {

  /** Class-output resource listing the generated network classes, one qualified name a line. */
  public static final String INDEX = "META-INF/unroll/models";

  private final Set<String> generated = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(RecurrentModel.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(RecurrentModel.class)) {
      try {
        generate(element);
      } catch (Annotation.UnresolvedValueException e) {
        // javac has already reported the unresolved value; a second, vaguer error would only confuse.
      } catch (RuntimeException | IOException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.INTERNAL.format(element.getSimpleName(), e) + "\n" + trace, element);
      }
    }
    if (round.processingOver() && !generated.isEmpty()) {
      writeIndex();
    }
    return false;
  }

  private void generate(Element element) throws IOException {
    ValidationReport report = new ModelValidator(processingEnv.getElementUtils()).validate(element);
    report.printTo(processingEnv.getMessager());
    if (!report.isClean()) {
      return;
    }
    ModelDescription model = new ModelReader(processingEnv.getElementUtils()).read((TypeElement) element);
    ValidationReport sizes = new SizeCheck(processingEnv.getElementUtils()).check(element, model);
    sizes.printTo(processingEnv.getMessager());
    if (!sizes.isClean()) {
      return;
    }
    if (!generated.add(model.qualifiedName())) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.NAME_CLASH.format(model.qualifiedName(), "another @RecurrentModel in this compilation"), element);
      return;
    }
    JavaFile file = new NetworkWriter(model).write(element);
    file.writeTo(processingEnv.getFiler());
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
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format(INDEX, e));
    }
  }
}
