package dev.unroll.samples.pronounce;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Decoder;
import dev.unroll.dsl.Encoder;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.InputKind;

/**
 * {@link Pronounce} without attention, for the comparison in the sample's README: the decoder
 * sees the word only through the bridge, the encoder's final states turned into its initial
 * state. The build skips it; {@code -Dpronounce.skipComparison=false} trains and evaluates it too.
 */
@EncoderDecoder(
    encoder = @Encoder(input = InputKind.ONE_HOT, inputSize = 27, cell = Cell.LSTM, units = 32, bidirectional = true),
    decoder = @Decoder(vocabulary = 42, cell = Cell.LSTM, units = 64),
    attention = Attention.NONE)
public class PronounceWithoutAttention {}
