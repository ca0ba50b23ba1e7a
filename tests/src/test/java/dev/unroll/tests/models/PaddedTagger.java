package dev.unroll.tests.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;

/** A two-layer tagger over embedded symbols, bidirectional on top: exercises padding in every direction. */
@RecurrentModel(
    steps = 6,
    input = @Input(kind = InputKind.EMBEDDING, size = 11, embeddingSize = 4),
    layers = {
        @Layer(cell = Cell.LSTM_PEEPHOLE, units = 5),
        @Layer(cell = Cell.GRU, units = 4, bidirectional = true)
    },
    head = @Head(size = 3, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY)
public class PaddedTagger {}
