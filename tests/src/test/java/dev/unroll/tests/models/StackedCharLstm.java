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

/**
 * Two LSTM layers of 48 units over 37 one-hot symbols: the shape of streaming generation models
 * (48 is a whole number of 8- and 16-lane vectors, 37 symbols fill no vector).
 */
@RecurrentModel(
    steps = 16,
    input = @Input(kind = InputKind.ONE_HOT, size = 37),
    layers = {@Layer(cell = Cell.LSTM, units = 48), @Layer(cell = Cell.LSTM, units = 48)},
    head = @Head(size = 37, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(seed = 21))
public class StackedCharLstm {}
