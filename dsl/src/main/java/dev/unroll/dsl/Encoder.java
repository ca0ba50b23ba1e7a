package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The encoder of an {@link EncoderDecoder}: a stack of identical layers over the source. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Encoder {

  /** How a source step is given: {@link InputKind#DENSE} features or a {@link InputKind#ONE_HOT} symbol. Default DENSE. */
  InputKind input() default InputKind.DENSE;

  /** I: features per source step, or source symbols for ONE_HOT. Required; &gt; 0. */
  int inputSize();

  /** The cell: {@link Cell#LSTM}, {@link Cell#GRU} or {@link Cell#RNN_TANH}. Default LSTM. */
  Cell cell() default Cell.LSTM;

  /** He: units per direction. Required; &gt; 0. */
  int units();

  /** Le: layers. Default 1; &gt; 0. */
  int layers() default 1;

  /** Whether every layer also runs backwards in time (E = 2 He then). Default false. */
  boolean bidirectional() default false;
}
