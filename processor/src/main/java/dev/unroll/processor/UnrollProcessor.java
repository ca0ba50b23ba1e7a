package dev.unroll.processor;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The project's one annotation processor: for every {@code @RecurrentModel}, {@code
 * @AssociativeMemory} and {@code @EncoderDecoder} class it validates the declaration (every
 * mistake a compile error on the value at fault, see {@link Message}) and, if it is clean, writes
 * the generated class, as its {@link DeclarationKind} says. After the last round it lists each
 * kind's generated classes in its index ({@value #MODEL_INDEX}, {@value #MEMORY_INDEX}, {@value
 * #ENCODER_DECODER_INDEX}), from which {@code rnn:train} finds them on a classpath. It never throws
 * out of {@link #process} (see {@link Generation}).
 *
 * <p>It must be constructible without JavaPoet (so no lambdas or fields of its types here): javac
 * before 23 instantiates every processor on the class path, where a build may put the processor
 * jar alone.
 */
public final class UnrollProcessor extends AbstractProcessor {

  /** Class-output resource listing the generated network classes, one qualified name a line. */
  public static final String MODEL_INDEX = "META-INF/unroll/models";
  /** Class-output resource listing the generated memory classes (as {@code PatternStoring.INDEX}). */
  public static final String MEMORY_INDEX = "META-INF/unroll/memories";
  /** Class-output resource listing the generated encoder-decoder classes, beside the models' index. */
  public static final String ENCODER_DECODER_INDEX = "META-INF/unroll/encoder-decoders";

  private final List<Generation> generations = Stream.of(DeclarationKind.values()).map(Generation::new).toList();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Stream.of(DeclarationKind.values())
        .map(kind -> kind.annotation.getCanonicalName())
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Generation generation : generations) {
      generation.process(round, processingEnv);
    }
    return false;
  }
}
