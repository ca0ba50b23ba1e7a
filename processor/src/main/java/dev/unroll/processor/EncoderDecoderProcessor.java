package dev.unroll.processor;

import dev.unroll.dsl.EncoderDecoder;
import java.io.IOException;
import javax.lang.model.element.Element;

/**
 * Generates the class of every {@code @EncoderDecoder}: validate (every mistake a compile error on
 * the value at fault, see {@link Seq2SeqMessage}), then write with {@link Seq2SeqWriter}; after
 * the last round list them in {@value #INDEX}. It never throws out of {@link #process}.
 */
public final class EncoderDecoderProcessor extends GeneratingProcessor {
  /**
   * Class-output resource listing the generated encoder-decoder classes, one qualified name a
   * line, from which {@code rnn:train} finds them (beside the recurrent models' index).
   */
  public static final String INDEX = "META-INF/unroll/encoder-decoders";

  public EncoderDecoderProcessor() {
    super(EncoderDecoder.class, INDEX, Seq2SeqMessage.INTERNAL, Seq2SeqMessage.NAME_CLASH);
  }

  @Override
  void generate(Element element) throws IOException {
    Seq2SeqValidator.Result model = new Seq2SeqValidator(processingEnv.getElementUtils(),
        processingEnv.getMessager()).read(element);
    if (model == null) {
      return;
    }
    if (claim(model.qualifiedName(), element)) {
      new Seq2SeqWriter(model).write(element).writeTo(processingEnv.getFiler());
    }
  }
}
