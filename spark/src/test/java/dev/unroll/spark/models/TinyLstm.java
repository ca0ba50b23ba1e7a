package dev.unroll.spark.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/**
 * A small character model: next symbol over 12 symbols, two LSTM layers with dropout between them
 * (so the dropout masks' seeds must match too). Batches of 40 are 3 micro-batches (14, 13, 13).
 */
@RecurrentModel(
    steps = 8,
    input = @Input(kind = InputKind.EMBEDDING, size = 12, embeddingSize = 5),
    layers = {
        @Layer(cell = Cell.LSTM, units = 10, dropout = 0.2f),
        @Layer(cell = Cell.LSTM, units = 10)
    },
    head = @Head(size = 12, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(optimizer = Optimizer.ADAM, learningRate = 0.01, batchSize = 40, epochs = 2, clipNorm = 1,
        seed = 5, validationSplit = 0))
public class TinyLstm {}
