package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The per-sequence feature vector {@code z} that sets the initial state of a model declared with
 * {@code initialState = InitialState.CONDITIONED} (one-to-many generation, the "captioning"
 * pattern). Used only in {@link RecurrentModel#condition()}:
 *
 * <pre>{@code
 * @RecurrentModel(..., initialState = InitialState.CONDITIONED, condition = @Condition(size = 2), ...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Condition {

  /**
   * F, the number of features per sequence. Must be &gt; 0 with {@link InitialState#CONDITIONED};
   * default {@code 0}, which is the only value allowed with the other initial states.
   */
  int size() default 0;
}
