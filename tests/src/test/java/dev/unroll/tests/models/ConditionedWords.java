package dev.unroll.tests.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Condition;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** A layer-normalised character LSTM whose initial state is set by a 2-value feature vector. */
@RecurrentModel(
    steps = 8,
    input = @Input(kind = InputKind.ONE_HOT, size = 4),
    layers = @Layer(cell = Cell.LSTM, units = 16, layerNorm = true),
    initialState = InitialState.CONDITIONED,
    condition = @Condition(size = 2),
    head = @Head(size = 4, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.02, batchSize = 16, epochs = 15, seed = 7))
public class ConditionedWords {}
