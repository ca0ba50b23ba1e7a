package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.RecurrentModel;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The declarations {@link UnrollProcessor} generates a class for, one per annotation: how each is
 * validated (every mistake a compile error on the value at fault, see {@link Message}) and
 * written, the index that lists its generated classes, and its compile errors for anything
 * unexpected and for a name clash.
 */
enum DeclarationKind {
  /**
   * Validate and print the report, stop if it is not clean, then build the model description,
   * check that its arrays fit, then write.
   */
  RECURRENT_MODEL(RecurrentModel.class, UnrollProcessor.MODEL_INDEX, Message.INTERNAL, Message.NAME_CLASH) {
    @Override
    JavaFile generate(Element element, ProcessingEnvironment env) {
      Elements elements = env.getElementUtils();
      Messager messager = env.getMessager();
      if (new ModelValidator(elements).validate(element).printErrors(messager)) {
        return null;
      }
      ModelDescription model = new ModelReader(elements).read((TypeElement) element);
      if (new SizeCheck(elements).check(element, model.spec()).printErrors(messager)) {
        return null;
      }
      return new NetworkWriter(model).write(element);
    }
  },
  ASSOCIATIVE_MEMORY(AssociativeMemory.class, UnrollProcessor.MEMORY_INDEX, Message.HOPFIELD_INTERNAL,
      Message.HOPFIELD_NAME_CLASH) {
    @Override
    JavaFile generate(Element element, ProcessingEnvironment env) {
      MemoryDescription memory = new MemoryValidator(env.getElementUtils(), env.getMessager()).read(element);
      return memory == null ? null : new MemoryWriter(memory).write(element);
    }
  },
  ENCODER_DECODER(EncoderDecoder.class, UnrollProcessor.ENCODER_DECODER_INDEX, Message.SEQ2SEQ_INTERNAL,
      Message.SEQ2SEQ_NAME_CLASH) {
    @Override
    JavaFile generate(Element element, ProcessingEnvironment env) {
      Seq2SeqValidator.Result model = new Seq2SeqValidator(env.getElementUtils(), env.getMessager()).read(element);
      return model == null ? null : new Seq2SeqWriter(model).write(element);
    }
  };

  final Class<? extends java.lang.annotation.Annotation> annotation;
  /** Class-output resource listing the generated classes, one qualified name a line. */
  final String index;
  /** The compile error for something unexpected while generating {@code what} (arguments: what, exception). */
  final Message internalError;
  /** The compile error for a second class of the same name (arguments: the name, what it clashes with). */
  final Message nameClash;

  DeclarationKind(Class<? extends java.lang.annotation.Annotation> annotation, String index, Message internalError,
      Message nameClash) {
    this.annotation = annotation;
    this.index = index;
    this.internalError = internalError;
    this.nameClash = nameClash;
  }

  /**
   * Validates {@code element}, reporting every mistake on it, and writes its class: the source to
   * file, or null if the declaration has mistakes.
   */
  abstract JavaFile generate(Element element, ProcessingEnvironment env);
}
