package dev.unroll.samples.pos;

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
 * Tags each word of an English sentence with one of the 17 universal parts of speech (UPOS) of
 * Universal Dependencies, trained on the English Web Treebank's dev split. Words are lower-cased
 * and embedded: the 2,080 lower-cased words seen at least twice in the training file, and
 * {@code <unk>} for all others (the POM's {@code <lowercase>} and {@code <minCount>}), so the
 * network learns to tag words it never saw from their context. A bidirectional GRU reads the
 * sentence both ways. Steps cover the longest sentence of the file (75 words), so no sentence is
 * cut; batches of sentences of different lengths are padded.
 */
@RecurrentModel(
    steps = 80,
    input = @Input(kind = InputKind.EMBEDDING, size = 2081, embeddingSize = 64),
    layers = @Layer(cell = Cell.GRU, units = 128, bidirectional = true),
    head = @Head(size = 17, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.002, batchSize = 32, epochs = 15, seed = 1, validationSplit = 0,
        data = "src/main/data/en_ewt-ud-dev.conllu"))
public class PosTagger {}
