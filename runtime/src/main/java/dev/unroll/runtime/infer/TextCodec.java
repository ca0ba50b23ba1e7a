package dev.unroll.runtime.infer;

import dev.unroll.runtime.data.Vocabulary;

/**
 * Text to symbols and back through a model's vocabulary, one symbol per character (code point),
 * and stop characters as symbols; every use names the model when it has no vocabulary.
 */
final class TextCodec {
  private final String modelName;
  private final ModelInputs inputs;
  private final Vocabulary vocabulary;

  TextCodec(String modelName, ModelInputs inputs, Vocabulary vocabulary) {
    this.modelName = modelName;
    this.inputs = inputs;
    this.vocabulary = vocabulary;
  }

  /** See {@link TrainedModel#encode(String)}. */
  int[] encode(String text) {
    int[] symbols = encodeAllowEmpty(text);
    if (symbols.length == 0) {
      throw new IllegalArgumentException("the text is empty: a sequence needs at least one step");
    }
    return symbols;
  }

  /** The symbols of {@code text}, which may be empty (a prime may be). */
  int[] encodeAllowEmpty(String text) {
    Vocabulary v = vocabulary();
    if (!inputs.symbolic()) {
      throw new UnsupportedOperationException(modelName + " reads dense features, not text");
    }
    return text.codePoints().map(v::index).toArray();
  }

  /** See {@link TrainedModel#decode(int[])}. */
  String decode(int[] symbols) {
    Vocabulary v = vocabulary();
    StringBuilder s = new StringBuilder(symbols.length);
    for (int i : symbols) {
      s.append(v.symbol(i));
    }
    return s.toString();
  }

  /** The stop symbols and characters of {@code options} as a set over the model's input symbols. */
  boolean[] stopSet(GenerationOptions options) {
    boolean[] stop = new boolean[inputs.size()];
    for (int symbol : options.stopSymbols()) {
      inputs.checkSymbol(symbol, "stop symbol");
      stop[symbol] = true;
    }
    if (!options.stopCharacters().isEmpty()) {
      Vocabulary v = vocabulary();
      options.stopCharacters().codePoints().forEach(c -> {
        String character = new String(Character.toChars(c));
        if (!v.contains(character)) {
          throw new IllegalArgumentException(modelName + ": stop character " + String.format("U+%04X", c)
              + " is not in the model's vocabulary, which has " + v.size() + " symbols");
        }
        stop[v.indexOf(character)] = true;
      });
    }
    return stop;
  }

  private Vocabulary vocabulary() {
    if (vocabulary == null) {
      throw new IllegalStateException(modelName + " has no vocabulary (no "
          + ModelArtifacts.vocabularyName(modelName) + "), so it cannot read or write text; use symbol indices");
    }
    return vocabulary;
  }
}
