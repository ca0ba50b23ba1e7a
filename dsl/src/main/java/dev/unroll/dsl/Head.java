package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The output head: a dense layer {@code head.weight [size, D*H]}, {@code head.bias [size]} over the
 * top layer's state. Used only inside {@link RecurrentModel#head()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Head {

  /** Number of outputs (classes for softmax). Required; must be &gt; 0. */
  int size();

  /** Activation applied to the head's logits for predictions. Required; one of {@link Activation}. */
  Activation activation();

  /** Which states the head reads. Default {@link HeadMode#MANY_TO_MANY}. */
  HeadMode mode() default HeadMode.MANY_TO_MANY;

  /**
   * Which state of the top layer the head reads: {@link HeadState#HIDDEN} (default), or {@link
   * HeadState#CELL}, the LSTM cell state, allowed only with {@link HeadMode#MANY_TO_ONE} on an LSTM
   * top layer.
   */
  HeadState state() default HeadState.HIDDEN;
}
