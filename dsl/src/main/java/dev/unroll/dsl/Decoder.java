package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The decoder of an {@link EncoderDecoder}: a unidirectional stack of identical layers over the
 * previous target symbol (one-hot; symbol 0 is the start symbol).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Decoder {

  /** V: target symbols (the decoder reads the previous one, one-hot). Required; &gt; 0. */
  int vocabulary();

  /** The cell: {@link Cell#LSTM}, {@link Cell#GRU} or {@link Cell#RNN_TANH}. Default LSTM. */
  Cell cell() default Cell.LSTM;

  /** Hd: units per layer. Required; &gt; 0. */
  int units();

  /** Ld: layers. Default 1; &gt; 0. */
  int layers() default 1;
}
