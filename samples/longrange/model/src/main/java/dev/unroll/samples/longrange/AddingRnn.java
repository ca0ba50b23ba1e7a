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
 * The adding problem with an Elman RNN of the same size as {@link AddingLstm}: read 100 steps of
 * (value, marker) and output the sum of the two marked values. Its gradient through 100 tanh steps
 * vanishes, so it does not learn the task.
 */
@RecurrentModel(
    steps = 100,
    input = @Input(size = 2),
    layers = @Layer(cell = Cell.RNN_TANH, units = 32),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(learningRate = 0.005, batchSize = 32, epochs = 20, seed = 1, validationSplit = 0.1,
        data = "target/data/adding-train.csv"))
public class AddingRnn {}
