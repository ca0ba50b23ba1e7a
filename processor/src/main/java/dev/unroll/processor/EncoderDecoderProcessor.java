package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.EncoderDecoder;
import javax.lang.model.element.Element;

/**
 * Generates the class of every {@code @EncoderDecoder}: validate (every mistake a compile error on
 * the value at fault, see {@link Message}), then write with {@link Seq2SeqWriter}; after
 * the last round list them in {@value #INDEX}. It never throws out of {@link #process}.
 */
public final class EncoderDecoderProcessor extends GeneratingProcessor {
  /**
   * Class-output resource listing the generated encoder-decoder classes, one qualified name a
   * line, from which {@code rnn:train} finds them (beside the recurrent models' index).
   */
  public static final String INDEX = "META-INF/unroll/encoder-decoders";

  public EncoderDecoderProcessor() {
    super(EncoderDecoder.class, INDEX, Message.SEQ2SEQ_INTERNAL, Message.SEQ2SEQ_NAME_CLASH);
  }

  @Override
  JavaFile generate(Element element) {
    Seq2SeqValidator.Result model = new Seq2SeqValidator(processingEnv.getElementUtils(),
        processingEnv.getMessager()).read(element);
    return model == null ? null : new Seq2SeqWriter(model).write(element);
  }
}
