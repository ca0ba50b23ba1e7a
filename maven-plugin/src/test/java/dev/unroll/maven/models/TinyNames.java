package dev.unroll.maven.models;

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

/** Names conditioned on a 2-value feature vector, over the 8 symbols of {@code data/names.tsv}. */
@RecurrentModel(
    steps = 8,
    input = @Input(kind = InputKind.ONE_HOT, size = 8),
    layers = @Layer(cell = Cell.GRU, units = 8, layerNorm = true),
    initialState = InitialState.CONDITIONED,
    condition = @Condition(size = 2),
    head = @Head(size = 8, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.02, batchSize = 4, epochs = 2, seed = 1, data = "data/names.tsv"))
public class TinyNames {}
