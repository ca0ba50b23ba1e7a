package dev.unroll.tests.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;

/** A bidirectional many-to-one classifier of dense sequences with a learned initial state. */
@RecurrentModel(
    steps = 6,
    input = @Input(size = 3),
    layers = {
        @Layer(cell = Cell.RNN_TANH, units = 4, bidirectional = true),
        @Layer(cell = Cell.LSTM, units = 4, bidirectional = true)
    },
    initialState = InitialState.LEARNED,
    head = @Head(size = 2, activation = Activation.SIGMOID, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.BINARY_CROSS_ENTROPY)
public class PaddedClassifier {}
