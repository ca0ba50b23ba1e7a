package dev.unroll.processor;

/**
 * Every diagnostic of {@link EncoderDecoderProcessor}, in one place, tagged like {@link Message}:
 * {@code [Seq2SeqDotSize] attention DOT needs ...}.
 */
public enum Seq2SeqMessage implements TaggedMessage {
  NOT_A_CLASS("Seq2SeqNotAClass", "@EncoderDecoder must be on a class, was on %s"),
  NOT_BOTH("Seq2SeqNotBoth", "a class declares one model: @EncoderDecoder, @RecurrentModel or @AssociativeMemory;"
      + " move the others to other classes"),
  INPUT_KIND("Seq2SeqInputKind", "encoder input must be DENSE or ONE_HOT, was %s"),
  INPUT_SIZE("Seq2SeqInputSize", "encoder inputSize must be > 0, was %d"),
  CELL("Seq2SeqCell", "%s cell must be one of LSTM, GRU, RNN_TANH, was %s"),
  UNITS("Seq2SeqUnits", "%s units must be > 0, was %d"),
  LAYERS("Seq2SeqLayers", "%s layers must be > 0, was %d"),
  VOCABULARY("Seq2SeqVocabulary", "decoder vocabulary must be > 0, was %d"),
  DOT_SIZE("Seq2SeqDotSize", "attention DOT scores h_t · e_s, so decoder units (%d) must equal the encoder's output"
      + " width E = %s (%d); use GENERAL or ADDITIVE, or change the units"),
  ATTENTION_SIZE("Seq2SeqAttentionSize", "attentionSize must be > 0 with ADDITIVE attention, was %d"),
  ATTENTION_SIZE_UNUSED("Seq2SeqAttentionSize", "attentionSize is only used by ADDITIVE attention (allowed for %s: 0),"
      + " was %d"),
  OUTPUTS("Seq2SeqOutputs", "outputs must be > 0, or 0 for the decoder's vocabulary; was %d"),
  NAME_INVALID("Seq2SeqName", "name must be a valid Java identifier, was \"%s\""),
  NAME_CLASH("Seq2SeqNameClash", "generated class %s would clash with %s; choose another name with"
      + " @EncoderDecoder(name = ...)"),
  INTERNAL("Seq2SeqInternal", "internal error while generating %s: %s; please report it with this declaration");

  private final Text text;

  Seq2SeqMessage(String tag, String template) {
    this.text = new Text(tag, template);
  }

  @Override
  public Text text() {
    return text;
  }
}
