package dev.unroll.spark.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** A small forecaster: windows of 2 features, a GRU, one value; batches of 33 are 3 micro-batches of 11. */
@RecurrentModel(
    steps = 6,
    input = @Input(size = 2),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(optimizer = Optimizer.SGD, learningRate = 0.05, momentum = 0.9, batchSize = 33, epochs = 2,
        seed = 9, validationSplit = 0))
public class TinyGru {}
