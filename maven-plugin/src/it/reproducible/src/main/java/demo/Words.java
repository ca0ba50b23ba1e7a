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

/**
 * A character model over the 14 symbols of src/main/data/words.txt, trained as 40 parallel streams
 * (three micro-batches, each carrying its own state from chunk to chunk).
 */
@RecurrentModel(
    steps = 16,
    input = @Input(kind = InputKind.ONE_HOT, size = 14),
    layers = @Layer(cell = Cell.GRU, units = 8),
    head = @Head(size = 14, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 0.02, batchSize = 40, epochs = 2, seed = 1, data = "src/main/data/words.txt"))
public class Words {}
