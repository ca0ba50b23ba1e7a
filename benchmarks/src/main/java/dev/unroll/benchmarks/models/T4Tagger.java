package dev.unroll.benchmarks.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** T4: tagger, 64 dense features, bidirectional GRU 128 per direction, T = 40, B = 32, 9 tags per step. */
@RecurrentModel(
    steps = 40,
    input = @Input(size = 64),
    layers = @Layer(cell = Cell.GRU, units = 128, bidirectional = true),
    head = @Head(size = 9, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 1e-3, batchSize = 32, clipNorm = 5, seed = 4))
public class T4Tagger {}
