package dev.unroll.benchmarks.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** T2: large char-rnn, one-hot 65 symbols, LSTM 2 x 512, T = 100, B = 64. */
@RecurrentModel(
    steps = 100,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = {@Layer(cell = Cell.LSTM, units = 512), @Layer(cell = Cell.LSTM, units = 512)},
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 2e-3, batchSize = 64, clipNorm = 5, seed = 2))
public class T2CharLarge {}
