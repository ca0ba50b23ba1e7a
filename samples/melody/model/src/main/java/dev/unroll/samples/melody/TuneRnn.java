package dev.unroll.samples.melody;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/**
 * A character model of folk tunes in ABC notation: the 55 characters of the corpus (notes, bars,
 * lengths and the X/M/L/K header), one LSTM layer of 128 units, 32 parallel streams trained in
 * chunks of 100 steps (about half a tune) with the state carried across chunks.
 */
@RecurrentModel(
    steps = 100,
    input = @Input(kind = InputKind.ONE_HOT, size = 55),
    layers = @Layer(cell = Cell.LSTM, units = 128),
    head = @Head(size = 55, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 5e-3, batchSize = 32, epochs = 12, clipNorm = 5, seed = 1,
        validationSplit = 0.1, data = "src/main/data/tunes.txt"))
public class TuneRnn {}
