package dev.unroll.samples.longrange;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/**
 * The adding problem with an LSTM: read 100 steps of (value, marker) and output the sum of the two
 * marked values. A forget-gate bias of 1 lets the cell keep what it stored from the start.
 */
@RecurrentModel(
    steps = 100,
    input = @Input(size = 2),
    layers = @Layer(cell = Cell.LSTM, units = 32),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    forgetGateBias = 1f,
    training = @Training(learningRate = 0.005, batchSize = 32, epochs = 20, seed = 1, validationSplit = 0.1,
        data = "target/data/adding-train.csv"))
public class AddingLstm {}
