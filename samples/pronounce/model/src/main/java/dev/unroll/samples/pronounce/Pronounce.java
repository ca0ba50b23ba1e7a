package dev.unroll.samples.pronounce;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Decoder;
import dev.unroll.dsl.Encoder;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.InputKind;

/**
 * Grapheme-to-phoneme conversion: spells out how an English word is pronounced, as ARPAbet
 * phonemes without stress marks, learnt from the CMU Pronouncing Dictionary. A bidirectional LSTM
 * reads the word's letters (26 letters and {@code <unk>}: 27 source symbols), so every letter's
 * state knows its neighbours on both sides; an LSTM decoder writes the phonemes ({@code <s>},
 * {@code </s>}, {@code <unk>} and 39 phonemes: 42 symbols), attending to the letters at every
 * step with Luong's GENERAL score, so it can follow the spelling instead of remembering the whole
 * word in one vector.
 */
@EncoderDecoder(
    encoder = @Encoder(input = InputKind.ONE_HOT, inputSize = 27, cell = Cell.LSTM, units = 32, bidirectional = true),
    decoder = @Decoder(vocabulary = 42, cell = Cell.LSTM, units = 64),
    attention = Attention.GENERAL)
public class Pronounce {}
