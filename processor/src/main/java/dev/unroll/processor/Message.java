package dev.unroll.processor;

/**
 * Every diagnostic the processor prints, in one place. Each has a short tag in brackets so that
 * tests and documentation can name it, e.g. {@code [RnnUnits] units must be > 0, was 0}.
 */
public enum Message implements TaggedMessage {
  NOT_A_CLASS("RnnNotAClass", "@RecurrentModel must be on a class, was on %s"),
  STEPS("RnnSteps", "steps must be > 0, was %d"),
  INPUT_SIZE("RnnInputSize", "input size must be > 0, was %d"),
  EMBEDDING_SIZE("RnnEmbeddingSize", "embeddingSize must be > 0 for an EMBEDDING input, was %d"),
  EMBEDDING_SIZE_UNUSED("RnnEmbeddingSize", "embeddingSize is only allowed with kind EMBEDDING (allowed for %s: 0), was %d"),
  NO_LAYERS("RnnNoLayers", "a model needs at least one layer: layers = {@Layer(cell = ..., units = ...)}"),
  UNITS("RnnUnits", "units must be > 0, was %d"),
  DROPOUT("RnnDropout", "%s must be in [0, 1), was %s"),
  LEARNED_STATE_UNITS("RnnLearnedStateUnits",
      "initialState LEARNED stores h0 as one [layers * directions, H] tensor, so every layer needs the same units; layer %d has %d, layer 0 has %d"),
  // layer-normalised cells and the conditioned initial state (issue 10)
  LAYER_NORM_CELL("RnnLayerNorm", "layerNorm is not supported by %s cells; allowed: LSTM, GRU, RNN_TANH (or layerNorm = false)"),
  CONDITION_SIZE("RnnCondition", "initialState CONDITIONED needs the feature vector's size: condition = @Condition(size = F) with F > 0, was %d"),
  CONDITION_UNUSED("RnnCondition", "condition is only allowed with initialState = CONDITIONED (allowed for %s: size = 0), was size = %d"),
  CONDITIONED_STATE_UNITS("RnnConditionedStateUnits",
      "initialState CONDITIONED computes h0 as one [layers * directions * H] vector, so every layer needs the same units; layer %d has %d, layer 0 has %d"),
  HEAD_SIZE("RnnHeadSize", "head size must be > 0, was %d"),
  SOFTMAX_SIZE("RnnHeadSize", "a SOFTMAX head needs at least 2 classes, was %d"),
  HEAD_STATE("RnnHeadState", "head state CELL reads the LSTM cell state, which %s; allowed: state = HIDDEN, or an LSTM or LSTM_PEEPHOLE top layer with mode = MANY_TO_ONE"),
  LOSS_ACTIVATION("RnnLossActivation", "loss %s needs head activation %s, was %s (allowed pairs: CROSS_ENTROPY/SOFTMAX, BINARY_CROSS_ENTROPY/SIGMOID, MSE/LINEAR)"),
  // The training ranges ("> 0", ">= 0", "in [0, 1)") come from the settings registry, dev.unroll.model.Bound.
  TRAINING_POSITIVE("RnnTraining", "training.%s must be %s, was %s"),
  TRAINING_NON_NEGATIVE("RnnTraining", "training.%s must be %s, was %s"),
  TRAINING_FRACTION("RnnTraining", "training.%s must be %s, was %s"),
  NESTEROV_MOMENTUM("RnnTraining", "training.optimizer NESTEROV needs training.momentum > 0, was %s"),
  TRUNCATED_BPTT("RnnTruncatedBptt", "training.truncatedBptt must be in [0, steps = %d] (0 means steps), was %d"),
  NOT_FINITE("RnnNotFinite", "%s must be a finite number, was %s"),
  TOO_LARGE("RnnTooLarge", "the model has %s parameters; at most %d fit in one float[]: use fewer or smaller layers"),
  BUFFER_TOO_LARGE("RnnTooLarge",
      "a pass over one sequence of %d steps needs buffers of %s floats (steps * the widest row, %d); at most %d fit in one float[]: use fewer steps or smaller layers"),
  NAME_INVALID("RnnName", "name must be a valid Java identifier, was \"%s\""),
  NAME_CLASH("RnnNameClash", "generated class %s would clash with %s; choose another name with @RecurrentModel(name = ...)"),
  INTERNAL("RnnInternal", "internal error while generating %s: %s; please report it with this declaration");

  private final Text text;

  Message(String tag, String template) {
    this.text = new Text(tag, template);
  }

  @Override
  public Text text() {
    return text;
  }
}
