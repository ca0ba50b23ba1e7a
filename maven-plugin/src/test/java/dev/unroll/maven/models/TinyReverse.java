package dev.unroll.maven.models;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Decoder;
import dev.unroll.dsl.Encoder;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.InputKind;

/**
 * Reverses strings of the letters a-e ({@code data/reverse.tsv}): 6 source symbols ({@code <unk>}
 * and 5 letters), 8 target symbols ({@code <s>}, {@code </s>}, {@code <unk>} and 5 letters).
 */
@EncoderDecoder(
    encoder = @Encoder(input = InputKind.ONE_HOT, inputSize = 6, cell = Cell.GRU, units = 12, bidirectional = true),
    decoder = @Decoder(vocabulary = 8, cell = Cell.GRU, units = 16),
    attention = Attention.GENERAL)
public class TinyReverse {}
