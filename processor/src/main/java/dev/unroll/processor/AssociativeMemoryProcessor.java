package dev.unroll.processor;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.AssociativeMemory;
import javax.lang.model.element.Element;

/**
 * Generates a Hopfield network class for every {@code @AssociativeMemory} class: validate (every
 * mistake a compile error on the value at fault), then write with {@link MemoryWriter}. After the
 * last round it writes the memory index {@value #INDEX}, from which {@code rnn:train} finds the
 * memories whose patterns it stores. It never throws out of {@link #process}.
 */
public final class AssociativeMemoryProcessor extends GeneratingProcessor {

  /** Class-output resource listing the generated memory classes (as {@code PatternStoring.INDEX}). */
  public static final String INDEX = "META-INF/unroll/memories";

  public AssociativeMemoryProcessor() {
    super(AssociativeMemory.class, INDEX, Message.HOPFIELD_INTERNAL, Message.HOPFIELD_NAME_CLASH);
  }

  @Override
  JavaFile generate(Element element) {
    MemoryDescription memory = new MemoryValidator(processingEnv.getElementUtils(), processingEnv.getMessager())
        .read(element);
    return memory == null ? null : new MemoryWriter(memory).write(element);
  }
}
