package dev.unroll.processor;

import dev.unroll.dsl.EncoderDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates the class of every {@code @EncoderDecoder}: validate (every mistake a compile error on
 * the value at fault, see {@link Seq2SeqMessage}), then write with {@link Seq2SeqWriter}. It never
 * throws out of {@link #process}.
 */
public final class EncoderDecoderProcessor extends AbstractProcessor {
  private final Set<String> generated = new HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(EncoderDecoder.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(EncoderDecoder.class)) {
      try {
        generate(element);
      } catch (Annotation.UnresolvedValueException e) {
        // javac has already reported the unresolved value.
      } catch (RuntimeException | IOException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Seq2SeqMessage.INTERNAL.format(element.getSimpleName(), e) + "\n" + trace, element);
      }
    }
    return false;
  }

  private void generate(Element element) throws IOException {
    Seq2SeqValidator.Result model = new Seq2SeqValidator(processingEnv.getElementUtils(),
        processingEnv.getMessager()).read(element);
    if (model == null) {
      return;
    }
    String qualified = model.packageName().isEmpty() ? model.spec().name()
        : model.packageName() + "." + model.spec().name();
    if (!generated.add(qualified)) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Seq2SeqMessage.NAME_CLASH.format(qualified, "another @EncoderDecoder in this compilation"), element);
      return;
    }
    new Seq2SeqWriter(model).write(element).writeTo(processingEnv.getFiler());
  }
}
