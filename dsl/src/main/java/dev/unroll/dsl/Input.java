package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The input of one timestep. Used only inside {@link RecurrentModel#input()}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Input {

  /** How a timestep's input is represented. Default {@link InputKind#DENSE}. */
  InputKind kind() default InputKind.DENSE;

  /**
   * For {@link InputKind#DENSE}: the number of float features per step. For
   * {@link InputKind#ONE_HOT} and {@link InputKind#EMBEDDING}: the number of distinct symbols.
   * Required; must be &gt; 0.
   */
  int size();

  /**
   * For {@link InputKind#EMBEDDING} only: the dimension E each symbol is embedded into (parameter
   * {@code embedding.weight [size, E]}). Default {@code 0}; must be &gt; 0 for embeddings and
   * left at 0 otherwise.
   */
  int embeddingSize() default 0;
}
