package dev.unroll.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.RecurrentModel;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The project's one annotation processor: for every {@code @RecurrentModel}, {@code
 * @AssociativeMemory} and {@code @EncoderDecoder} class it validates the declaration (every
 * mistake a compile error on the value at fault, see {@link Message}) and, if it is clean, writes
 * the generated class with that kind's writer. After the last round it lists each kind's generated
 * classes in its index ({@value #MODEL_INDEX}, {@value #MEMORY_INDEX}, {@value
 * #ENCODER_DECODER_INDEX}), from which {@code rnn:train} finds them on a classpath. It never throws
 * out of {@link #process} (see {@link Generation}).
 */
public final class UnrollProcessor extends AbstractProcessor {

  /** Class-output resource listing the generated network classes, one qualified name a line. */
  public static final String MODEL_INDEX = "META-INF/unroll/models";
  /** Class-output resource listing the generated memory classes (as {@code PatternStoring.INDEX}). */
  public static final String MEMORY_INDEX = "META-INF/unroll/memories";
  /** Class-output resource listing the generated encoder-decoder classes, beside the models' index. */
  public static final String ENCODER_DECODER_INDEX = "META-INF/unroll/encoder-decoders";

  /** The {@code @Generated} of every generated class, naming this processor. */
  static final AnnotationSpec GENERATED = AnnotationSpec.builder(ClassName.get("javax.annotation.processing",
      "Generated")).addMember("value", "$S", UnrollProcessor.class.getName()).build();

  private final List<Generation> kinds = List.of(
      new Generation(RecurrentModel.class, MODEL_INDEX, Message.INTERNAL, Message.NAME_CLASH, this::network),
      new Generation(AssociativeMemory.class, MEMORY_INDEX, Message.HOPFIELD_INTERNAL,
          Message.HOPFIELD_NAME_CLASH, this::memory),
      new Generation(EncoderDecoder.class, ENCODER_DECODER_INDEX, Message.SEQ2SEQ_INTERNAL,
          Message.SEQ2SEQ_NAME_CLASH, this::encoderDecoder));

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return kinds.stream().map(Generation::annotationType).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Generation kind : kinds) {
      kind.process(round, processingEnv);
    }
    return false;
  }

  /**
   * A {@code @RecurrentModel}: validate and print the report, stop if it is not clean, then build
   * the model description, check that its arrays fit, then write.
   */
  private JavaFile network(Element element) {
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

  private JavaFile memory(Element element) {
    MemoryDescription memory = new MemoryValidator(processingEnv.getElementUtils(), processingEnv.getMessager())
        .read(element);
    return memory == null ? null : new MemoryWriter(memory).write(element);
  }

  private JavaFile encoderDecoder(Element element) {
    Seq2SeqValidator.Result model = new Seq2SeqValidator(processingEnv.getElementUtils(),
        processingEnv.getMessager()).read(element);
    return model == null ? null : new Seq2SeqWriter(model).write(element);
  }
}
