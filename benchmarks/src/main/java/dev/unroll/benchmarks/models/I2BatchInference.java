package dev.unroll.benchmarks.models;

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
 * I2: batch inference, one-hot 65 symbols, LSTM 2 x 256, T = 100, B = 128, forward only. The
 * declared steps equal T so that a sequence runs in one pass, not in chunks.
 */
@RecurrentModel(
    steps = 100,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = {@Layer(cell = Cell.LSTM, units = 256), @Layer(cell = Cell.LSTM, units = 256)},
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(seed = 6))
public class I2BatchInference {}
