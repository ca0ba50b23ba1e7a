package dev.unroll.maven.models;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** Tells the good lines of {@code data/labels.tsv} from the bad, by their 18 characters plus unknown. */
@RecurrentModel(
    steps = 16,
    input = @Input(kind = InputKind.ONE_HOT, size = 19),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 2, activation = Activation.SOFTMAX, mode = HeadMode.MANY_TO_ONE),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.05, batchSize = 8, epochs = 3, seed = 4, data = "data/labels.tsv"))
public class TinyClassifier {}
