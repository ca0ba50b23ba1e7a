package dev.unroll.samples.tagger;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/**
 * Tags each word of a sentence with one of 7 BIO tags (O, B-/I-PER, B-/I-ORG, B-/I-LOC). Words are
 * embedded: the 99 most frequent words of the training sentences and {@code <unk>} for all others,
 * which includes most names, so names are tagged from their context. A bidirectional GRU reads the
 * sentence both ways, so the tag of "Jordan" can depend on what comes after it. Sentences of
 * different lengths are batched with padding.
 */
@RecurrentModel(
    steps = 24,
    input = @Input(kind = InputKind.EMBEDDING, size = 100, embeddingSize = 32),
    layers = @Layer(cell = Cell.GRU, units = 64, bidirectional = true),
    head = @Head(size = 7, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.005, batchSize = 32, epochs = 8, seed = 5, validationSplit = 0.1,
        data = "target/data/entities-train.conll"))
public class EntityTagger {}
