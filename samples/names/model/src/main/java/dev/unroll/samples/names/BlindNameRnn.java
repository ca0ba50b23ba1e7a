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
 * The baseline for {@link NameRnn}: the same network, data, seed and budget, trained on the same
 * lines with every condition blanked to {@code (0, 0)}, so its initial state is one learned state
 * for all names (tanh of a bias) and any difference in held-out bits per character is what the
 * condition is worth. Declared again, not reused, because each declaration is one trained model.
 *
 * <p>Otherwise as {@link NameRnn}: one LSTM layer of 128 units over 54 symbols, 16 steps.
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
        validationSplit = 0.1, data = "src/main/data/names-blind.tsv"))
public class BlindNameRnn {}
