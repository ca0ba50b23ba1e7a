package demo;

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
 * Forecasts the next value of src/main/data/series.csv from the last 8. Batches of 48 windows are
 * three micro-batches of 16, so 1, 2 and 3 threads share them out differently.
 */
@RecurrentModel(
    steps = 8,
    input = @Input(size = 1),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(learningRate = 0.02, batchSize = 48, epochs = 2, seed = 2, data = "src/main/data/series.csv"))
public class Series {}
