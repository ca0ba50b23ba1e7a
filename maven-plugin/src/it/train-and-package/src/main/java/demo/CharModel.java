package demo;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/** A tiny character model over the 15 symbols of src/main/data/tiny.txt. */
@RecurrentModel(
    steps = 16,
    input = @Input(kind = InputKind.ONE_HOT, size = 15),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 15, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.02, batchSize = 4, epochs = 2, seed = 1, data = "src/main/data/tiny.txt"))
public class CharModel {}
