package dev.unroll.samples.names;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Condition;
import dev.unroll.dsl.Head;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.Input;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Layer;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.Training;

/**
 * First names written one character at a time from a feature vector: the one-hot condition
 * (female, male) sets the LSTM's initial state, {@code h0 = tanh(W z + b)} and {@code c0 = W' z +
 * b'}, and the network then writes a name over the 53 characters of the lists and the line break
 * that starts and ends each name. Names are at most 15 letters, so 16 steps hold any of them.
 */
@RecurrentModel(
    steps = 16,
    input = @Input(kind = InputKind.ONE_HOT, size = 54),
    layers = @Layer(cell = Cell.LSTM, units = 128),
    initialState = InitialState.CONDITIONED,
    condition = @Condition(size = 2),
    head = @Head(size = 54, activation = Activation.SOFTMAX),
    loss = Loss.CROSS_ENTROPY,
    training = @Training(learningRate = 5e-3, batchSize = 64, epochs = 20, clipNorm = 5, seed = 1,
        validationSplit = 0.1, data = "src/main/data/names.tsv"))
public class NameRnn {}
