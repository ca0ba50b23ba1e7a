package dev.unroll.processor;

import java.util.Locale;

/**
 * Every diagnostic the processors print, in one place. Each has a short tag in brackets so that
 * tests and documentation can name it, e.g. {@code [RnnUnits] units must be > 0, was 0}. A tag
 * starts with the kind of model it is about: {@code Rnn} ({@code @RecurrentModel}, the unprefixed
 * constants), {@code Hopfield} ({@code @AssociativeMemory}) or {@code Seq2Seq} ({@code
 * @EncoderDecoder}).
 */
public enum Message {
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
  INTERNAL("RnnInternal", "internal error while generating %s: %s; please report it with this declaration"),

  // ---- @AssociativeMemory ----
  HOPFIELD_NOT_A_CLASS("HopfieldNotAClass", "@AssociativeMemory must be on a class, was on %s"),
  HOPFIELD_BOTH("HopfieldNotBoth", "a class declares either @AssociativeMemory or @RecurrentModel, not both; move one to another class"),
  HOPFIELD_UNITS("HopfieldUnits", "units must be in [2, %d] (N^2 weights in one float[]), was %d"),
  HOPFIELD_MAX_SWEEPS("HopfieldMaxSweeps", "maxSweeps must be > 0, was %d"),
  HOPFIELD_NAME_INVALID("HopfieldName", "name must be a valid Java identifier, was \"%s\""),
  HOPFIELD_NAME_CLASH("HopfieldNameClash", "generated class %s would clash with %s; choose another name with @AssociativeMemory(name = ...)"),
  HOPFIELD_DATA("HopfieldData", "data must be a relative or absolute path to a pattern file, or \"\" for none; was \"%s\", which %s"),
  HOPFIELD_INTERNAL("HopfieldInternal", "internal error while generating %s: %s; please report it with this declaration"),

  // ---- @EncoderDecoder ----
  SEQ2SEQ_NOT_A_CLASS("Seq2SeqNotAClass", "@EncoderDecoder must be on a class, was on %s"),
  SEQ2SEQ_NOT_BOTH("Seq2SeqNotBoth", "a class declares one model: @EncoderDecoder, @RecurrentModel or @AssociativeMemory;"
      + " move the others to other classes"),
  SEQ2SEQ_INPUT_KIND("Seq2SeqInputKind", "encoder input must be DENSE or ONE_HOT, was %s"),
  SEQ2SEQ_INPUT_SIZE("Seq2SeqInputSize", "encoder inputSize must be > 0, was %d"),
  SEQ2SEQ_CELL("Seq2SeqCell", "%s cell must be one of LSTM, GRU, RNN_TANH, was %s"),
  SEQ2SEQ_UNITS("Seq2SeqUnits", "%s units must be > 0, was %d"),
  SEQ2SEQ_LAYERS("Seq2SeqLayers", "%s layers must be > 0, was %d"),
  SEQ2SEQ_VOCABULARY("Seq2SeqVocabulary", "decoder vocabulary must be > 0, was %d"),
  SEQ2SEQ_DOT_SIZE("Seq2SeqDotSize", "attention DOT scores h_t · e_s, so decoder units (%d) must equal the encoder's output"
      + " width E = %s (%d); use GENERAL or ADDITIVE, or change the units"),
  SEQ2SEQ_ATTENTION_SIZE("Seq2SeqAttentionSize", "attentionSize must be > 0 with ADDITIVE attention, was %d"),
  SEQ2SEQ_ATTENTION_SIZE_UNUSED("Seq2SeqAttentionSize", "attentionSize is only used by ADDITIVE attention (allowed for %s: 0),"
      + " was %d"),
  SEQ2SEQ_OUTPUTS("Seq2SeqOutputs", "outputs must be > 0, or 0 for the decoder's vocabulary; was %d"),
  SEQ2SEQ_NAME_INVALID("Seq2SeqName", "name must be a valid Java identifier, was \"%s\""),
  SEQ2SEQ_NAME_CLASH("Seq2SeqNameClash", "generated class %s would clash with %s; choose another name with"
      + " @EncoderDecoder(name = ...)"),
  SEQ2SEQ_INTERNAL("Seq2SeqInternal", "internal error while generating %s: %s; please report it with this declaration");

  private final String tag;
  private final String template;

  Message(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  /** The short tag, without brackets. */
  public String tag() {
    return tag;
  }

  /** The full diagnostic text: {@code [Tag] message}, the arguments filled into its template. */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(Locale.ROOT, template, args);
  }
}
