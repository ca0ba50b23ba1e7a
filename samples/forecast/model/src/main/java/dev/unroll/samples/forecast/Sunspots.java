package dev.unroll.samples.forecast;

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
 * Forecasts next month's sunspot number from the last 24 months. The build trains it on 1749-1959
 * (the last tenth of that for validation, in time order) and tests it on 1960-1983.
 */
@RecurrentModel(
    steps = 24,
    input = @Input(size = 1),
    layers = @Layer(cell = Cell.GRU, units = 32),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(learningRate = 0.003, batchSize = 32, epochs = 40, patience = 8, seed = 11,
        validationSplit = 0.1, data = "src/main/data/sunspots-1749-1959.csv"))
public class Sunspots {}
