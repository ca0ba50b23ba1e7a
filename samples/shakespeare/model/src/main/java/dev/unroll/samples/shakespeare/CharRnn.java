package dev.unroll.samples.shakespeare;

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
 * Karpathy's char-rnn with its small defaults: the 65 characters of the tiny-Shakespeare corpus,
 * two LSTM layers of 128 units, 50 parallel streams trained in chunks of 50 steps with the state
 * carried across chunks, Adam at 2e-3, gradients clipped to norm 5. The same configuration as the
 * PyTorch reference in the project's benchmark notes, so the two can be compared.
 */
@RecurrentModel(
    steps = 50,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = {@Layer(cell = Cell.LSTM, units = 128), @Layer(cell = Cell.LSTM, units = 128)},
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 2e-3, batchSize = 50, epochs = 5, clipNorm = 5, seed = 1,
        validationSplit = 0.1, data = "src/main/data/tinyshakespeare.txt"))
public class CharRnn {}
