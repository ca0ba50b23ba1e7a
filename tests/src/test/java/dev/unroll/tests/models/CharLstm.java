package dev.unroll.tests.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** A small character language model over the 58 symbols of the test excerpt. */
@RecurrentModel(
    steps = 32,
    input = @Input(kind = InputKind.ONE_HOT, size = 58),
    layers = @Layer(cell = Cell.LSTM, units = 64),
    head = @Head(size = 58, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.01, batchSize = 16, epochs = 3, seed = 7, validationSplit = 0.1))
public class CharLstm {}
