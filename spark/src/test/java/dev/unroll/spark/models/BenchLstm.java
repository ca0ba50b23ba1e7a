package dev.unroll.spark.models;

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

/** The scaling benchmark's small model: a char-rnn LSTM 64 over 65 symbols (about 35 thousand parameters). */
@RecurrentModel(
    steps = 32,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = @Layer(cell = Cell.LSTM, units = 64),
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 0.002, batchSize = 64, seed = 1,
        validationSplit = 0))
public class BenchLstm {}
