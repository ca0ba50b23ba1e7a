package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an encoder-decoder (sequence to sequence) model with optional attention, trained with
 * teacher forcing: the encoder reads the source, a bridge sets the decoder's initial states from
 * the encoder's final ones ({@code tanh}), the decoder reads the previous target symbol, attention
 * (if any) combines the decoder's state with a context over the encoder's states, and a softmax
 * head scores the next target symbol with the mean cross-entropy over the real target steps. The
 * processor generates {@code <Class>Net} (or {@link #name()}) with the description and a factory;
 * parameters use PyTorch names with the prefixes {@code encoder.}, {@code decoder.},
 * {@code bridge.}, {@code attention.} and {@code head.} (FORMAT-v2, "Encoder-decoder").
 *
 * <pre>
 * &#64;EncoderDecoder(
 *     encoder = &#64;Encoder(input = InputKind.ONE_HOT, inputSize = 30, cell = Cell.LSTM, units = 64, bidirectional = true),
 *     decoder = &#64;Decoder(vocabulary = 45, cell = Cell.LSTM, units = 128),
 *     attention = Attention.GENERAL)
 * class Pronounce {}
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EncoderDecoder {

  /** The encoder stack. Required. */
  Encoder encoder();

  /** The decoder stack (always unidirectional: it runs forward in time, one symbol after another). Required. */
  Decoder decoder();

  /** How the decoder attends to the encoder's states. Default {@link Attention#NONE}. */
  Attention attention() default Attention.NONE;

  /** A, the hidden size of {@link Attention#ADDITIVE} scoring: &gt; 0 there, 0 (unset) otherwise. */
  int attentionSize() default 0;

  /** Head outputs (target symbols scored); 0, the default, means the decoder's vocabulary. */
  int outputs() default 0;

  /** The generated class's simple name; default the annotated class's name plus {@code Net}. */
  String name() default "";
}
