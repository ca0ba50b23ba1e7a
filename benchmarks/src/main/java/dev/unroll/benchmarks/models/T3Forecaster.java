package dev.unroll.benchmarks.models;

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

/** T3: tiny forecaster, 1 dense feature, GRU 1 x 32, T = 48, B = 16, linear MSE on the last step. */
@RecurrentModel(
    steps = 48,
    input = @Input(size = 1),
    layers = @Layer(cell = Cell.GRU, units = 32),
    head = @Head(size = 1, activation = Activation.LINEAR, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.MSE,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 1e-3, batchSize = 16, clipNorm = 5, seed = 3))
public class T3Forecaster {}
