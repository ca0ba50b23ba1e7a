package dev.unroll.samples.shakespeare.layernorm;

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
 * {@code CharRnn} of the model project with layer-normalised LSTM cells (Ba, Kiros and Hinton
 * 2016): the same data, steps, seed, optimizer and epochs, so that the two validation figures
 * compare the cells alone. Trained by hand, not by every build (samples/shakespeare/README.md).
 */
@RecurrentModel(
    steps = 50,
    input = @Input(kind = InputKind.ONE_HOT, size = 65),
    layers = {
        @Layer(cell = Cell.LSTM, units = 128, layerNorm = true),
        @Layer(cell = Cell.LSTM, units = 128, layerNorm = true)},
    head = @Head(size = 65, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 2e-3, batchSize = 50, epochs = 5, clipNorm = 5, seed = 1,
        validationSplit = 0.1, data = "../model/src/main/data/tinyshakespeare.txt"))
public class LayerNormCharRnn {}
