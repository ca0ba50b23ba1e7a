package dev.unroll.tests.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** Reads 24 values of a series and forecasts the next one. */
@RecurrentModel(
    steps = 24,
    input = @Input(size = 1),
    layers = @Layer(cell = Cell.GRU, units = 24),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(learningRate = 0.01, batchSize = 32, epochs = 12, seed = 3, validationSplit = 0))
public class Forecaster {}
