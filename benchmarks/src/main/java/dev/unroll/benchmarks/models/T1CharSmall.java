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

/** T1: char-rnn with Karpathy's defaults, one-hot 65 symbols, LSTM 2 x 128, T = 50, B = 50. */
@RecurrentModel(
    steps = 50,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = {@Layer(cell = Cell.LSTM, units = 128), @Layer(cell = Cell.LSTM, units = 128)},
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 2e-3, batchSize = 50, clipNorm = 5, seed = 1))
public class T1CharSmall {}
