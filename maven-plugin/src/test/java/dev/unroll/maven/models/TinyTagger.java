package dev.unroll.maven.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** Tags the 10 words of {@code data/tags.conll} (plus unknown) with their 4 parts of speech. */
@RecurrentModel(
    steps = 8,
    input = @Input(kind = InputKind.EMBEDDING, size = 11, embeddingSize = 4),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 4, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.05, batchSize = 4, epochs = 3, seed = 3, data = "data/tags.conll"))
public class TinyTagger {}
