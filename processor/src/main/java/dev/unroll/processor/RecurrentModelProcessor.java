package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.RecurrentModel;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Generates a specialised network class for every {@code @RecurrentModel} class: validate and
 * print the report, stop if it is not clean, then build the model description, check that its
 * arrays fit, then write. After
 * the last round it writes the model index {@value #INDEX} listing every generated class, so that
 * tools find the models on a classpath. It never throws out of {@link #process}.
 */
public final class RecurrentModelProcessor extends GeneratingProcessor {

  /** Class-output resource listing the generated network classes, one qualified name a line. */
  public static final String INDEX = "META-INF/unroll/models";

  public RecurrentModelProcessor() {
    super(RecurrentModel.class, INDEX, Message.INTERNAL, Message.NAME_CLASH);
  }

  @Override
  JavaFile generate(Element element) {
    Messager messager = processingEnv.getMessager();
    if (new ModelValidator(processingEnv.getElementUtils()).validate(element).printErrors(messager)) {
      return null;
    }
    ModelDescription model = new ModelReader(processingEnv.getElementUtils()).read((TypeElement) element);
    if (new SizeCheck(processingEnv.getElementUtils()).check(element, model.spec()).printErrors(messager)) {
      return null;
    }
    return new NetworkWriter(model).write(element);
  }
}
