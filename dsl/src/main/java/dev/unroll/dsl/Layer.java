package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One recurrent layer. Used only inside {@link RecurrentModel#layers()}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Layer {

  /** The recurrent cell. Required; one of {@link Cell}. */
  Cell cell();

  /** Hidden units per direction (H). Required; must be &gt; 0. */
  int units();

  /**
   * Whether the layer also runs backwards in time. The two directions' states are concatenated,
   * forward first, so the next layer sees {@code 2 * units} features. Default {@code false}.
   */
  boolean bidirectional() default false;

  /**
   * Probability of dropping each of this layer's outputs while training (inverted dropout; no
   * effect at inference). Default {@code 0}; must be in {@code [0, 1)}.
   */
  float dropout() default 0f;

  /**
   * Variational recurrent dropout: probability of dropping each unit of the recurrent state, with
   * one mask per sequence reused at every step, while training only. Default {@code 0}; must be in
   * {@code [0, 1)}.
   */
  float recurrentDropout() default 0f;

  /**
   * Layer normalisation inside the cell (Ba, Kiros and Hinton 2016): {@code W_ih x} and {@code
   * W_hh h} are each normalised over all gate rows with their own gain and bias before the cell's
   * biases are added, and an LSTM also normalises its cell state before the output tanh (the
   * carried cell state stays un-normalised). Supported by {@link Cell#LSTM}, {@link Cell#GRU} and
   * {@link Cell#RNN_TANH}. Default {@code false}.
   */
  boolean layerNorm() default false;
}
