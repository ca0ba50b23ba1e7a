package dev.unroll.runtime.infer;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A trained encoder-decoder with its vocabularies ({@link Seq2SeqArtifacts}): translates texts
 * split into symbols as the model was trained (characters or whitespace-separated words), by
 * greedy or beam search, and gives each output's attention weights.
 *
 * <pre>{@code
 * TrainedTranslator g2p = TrainedTranslator.load(PronounceNet.create(0), PronounceNet.class);
 * g2p.translate("unroll").text();                 // "AH N R OW L"
 * g2p.translate("unroll", 5, 1.0, 0).attention(); // [output step][source symbol]
 * }</pre>
 *
 * <p>Not thread-safe: it keeps one decoding workspace, grown for longer inputs.
 */
public final class TrainedTranslator {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final EncoderDecoder net;
  private final Vocabulary source;
  private final Vocabulary target;
  private final ModelCard card;
  private final int end;
  private Translator translator;
  /** The translator's capacity: source steps, maximum length, beam width. */
  private int[] cap = {0, 0, 0};

  /**
   * A decoded sequence.
   *
   * @param source the input's symbols as the model read them ({@code <unk>} for unknown ones)
   * @param symbols the output symbols, without the end symbol
   * @param ended whether the end symbol was produced (else decoding stopped at the maximum length)
   * @param score the log-probability of the output, the end symbol included
   * @param attention the attention weights {@code [output step][source symbol]}, one row per
   *     symbol and one for the end symbol when it was produced; rows are empty without attention
   */
  public record Translation(List<String> source, List<String> symbols, boolean ended, double score,
      float[][] attention) {
    /** The output joined as the target side was written: words with spaces, characters without. */
    public String text(boolean words) {
      return String.join(words ? " " : "", symbols);
    }
  }

  private TrainedTranslator(EncoderDecoder net, Vocabulary source, Vocabulary target, ModelCard card) {
    this.net = net;
    this.source = source;
    this.target = target;
    this.card = card;
    this.end = target.indexOf(Seq2SeqArtifacts.END);
  }

  /** A translator over a network and vocabularies in memory (e.g. just trained), with their card. */
  public static TrainedTranslator of(EncoderDecoder net, Vocabulary source, Vocabulary target, ModelCard card) {
    Seq2SeqArtifacts.check(net.spec(), source, target, card, "the translator of " + net.spec().name());
    return new TrainedTranslator(net, source, target, card);
  }

  /** Loads the artifacts packaged beside {@code anchor} (the generated class) into {@code net}. */
  public static TrainedTranslator load(EncoderDecoder net, Class<?> anchor) throws IOException {
    return load(net, anchor.getClassLoader(), anchor.getPackageName());
  }

  /**
   * Loads the artifacts that {@code loader} sees in the folder of {@code packageName} into
   * {@code net} (a build tool's loader over a project's class output, say).
   */
  public static TrainedTranslator load(EncoderDecoder net, ClassLoader loader, String packageName) throws IOException {
    String folder = packageName.replace('.', '/');
    String prefix = folder.isEmpty() ? "" : folder + "/";
    return load(net, name -> loader.getResourceAsStream(prefix + name), name -> "classpath resource " + prefix + name,
        "on the classpath in " + (folder.isEmpty() ? "the root folder" : prefix));
  }

  /** Loads the artifacts in {@code directory} into {@code net}, finishing an interrupted save first. */
  public static TrainedTranslator load(EncoderDecoder net, Path directory) throws IOException {
    Seq2SeqArtifacts.recover(directory, directory, net.spec().name());
    return load(net, name -> Files.isRegularFile(directory.resolve(name)) ? Files.newInputStream(directory.resolve(name))
        : null, name -> directory.resolve(name).toString(), "in " + directory);
  }

  private static TrainedTranslator load(EncoderDecoder net, ModelArtifacts.Opener open,
      java.util.function.Function<String, String> describe, String place) throws IOException {
    String name = net.spec().name();
    String cardName = ModelArtifacts.cardName(name);
    String cardText = read(open, cardName);
    if (cardText == null) {
      throw new IllegalStateException("No trained model " + name + ": " + describe.apply(cardName)
          + " does not exist; train it first (mvn rnn:train), which writes its artifacts " + place);
    }
    ModelCard card;
    Vocabulary source = null;
    Vocabulary target;
    try {
      card = ModelCard.fromJson(describe.apply(cardName), cardText);
      Seq2SeqArtifacts.verify(name, cardText, open, describe);
      String sourceText = read(open, Seq2SeqArtifacts.sourceVocabularyName(name));
      if (sourceText != null) {
        source = vocabulary(sourceText, describe.apply(Seq2SeqArtifacts.sourceVocabularyName(name)));
      }
      String targetName = Seq2SeqArtifacts.targetVocabularyName(name);
      String targetText = read(open, targetName);
      if (targetText == null) {
        throw new IllegalStateException("Incomplete artifacts for " + name + ": " + describe.apply(targetName)
            + " is missing; train it again (mvn rnn:train -Drnn.force)");
      }
      target = vocabulary(targetText, describe.apply(targetName));
      Seq2SeqArtifacts.check(net.spec(), source, target, card, "the artifacts of " + name + " " + place);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    String weightsName = ModelArtifacts.weightsName(name);
    try (InputStream weights = open.open(weightsName)) {
      if (weights == null) {
        throw new IllegalStateException("Incomplete artifacts for " + name + ": " + describe.apply(weightsName)
            + " is missing; train it again (mvn rnn:train -Drnn.force)");
      }
      // Last: nothing above can leave the network with new weights and a failed load.
      NetworkWeights.apply(name, net.layout(), net.parameters(),
          SafeTensors.read(describe.apply(weightsName), weights), true);
    }
    return new TrainedTranslator(net, source, target, card);
  }

  private static Vocabulary vocabulary(String json, String where) {
    try {
      return Vocabulary.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String read(ModelArtifacts.Opener open, String name) throws IOException {
    try (InputStream in = open.open(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public EncoderDecoder network() {
    return net;
  }

  /** The source vocabulary, or {@code null} for a dense source. */
  public Vocabulary sourceVocabulary() {
    return source;
  }

  public Vocabulary targetVocabulary() {
    return target;
  }

  public ModelCard card() {
    return card;
  }

  /** Whether target texts are whitespace-separated words (else characters), as trained. */
  public boolean targetWords() {
    return Seq2SeqArtifacts.WORDS.equals(card.extras().get(Seq2SeqArtifacts.TARGET_SYMBOLS));
  }

  /** The symbols of a source text, split as the model was trained (characters unless the card says words). */
  public List<String> split(String text) {
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return List.of();
    }
    if (Seq2SeqArtifacts.WORDS.equals(card.extras().get(Seq2SeqArtifacts.SOURCE_SYMBOLS))) {
      return List.of(WHITESPACE.split(stripped));
    }
    return stripped.codePoints().mapToObj(Character::toString).toList();
  }

  /** Greedy decoding of {@code text} up to the card's maximum length. */
  public Translation translate(String text) {
    return translate(text, 1, 0, 0);
  }

  /**
   * Decodes {@code text}.
   *
   * @param beam the beam width; 1 is greedy search
   * @param alpha length normalisation of beam search: hypotheses are ranked by log-probability /
   *     length^alpha (0: none, 1: per symbol)
   * @param maxLength the most output symbols, the end symbol included; 0 for the card's
   *     {@value Seq2SeqArtifacts#MAX_LENGTH} (else 100)
   * @throws IllegalArgumentException if the text holds no symbol, or a symbol the source
   *     vocabulary lacks while it has no {@code <unk>} (naming it)
   */
  public Translation translate(String text, int beam, double alpha, int maxLength) {
    if (source == null) {
      throw new IllegalArgumentException(net.spec().name() + " reads a dense source, not text");
    }
    List<String> symbols = split(text);
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("nothing to translate: the input is empty");
    }
    if (beam < 1) {
      throw new IllegalArgumentException("the beam width must be >= 1, was " + beam);
    }
    int[] x = source.indices(symbols);
    int length = maxLength > 0 ? maxLength : defaultMaxLength();
    Translator t = translator(x.length, length, beam);
    Translator.Result r = beam == 1 ? t.greedy(null, x, x.length, end) : t.beam(null, x, x.length, end, beam, alpha);
    int[] y = r.symbols();
    boolean ended = y.length > 0 && y[y.length - 1] == end;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < (ended ? y.length - 1 : y.length); i++) {
      out.add(target.symbol(y[i]));
    }
    List<String> read = new ArrayList<>();
    for (int i : x) {
      read.add(source.symbol(i));
    }
    return new Translation(List.copyOf(read), List.copyOf(out), ended, r.score(), r.attention());
  }

  private int defaultMaxLength() {
    String recorded = card.extras().get(Seq2SeqArtifacts.MAX_LENGTH);
    try {
      return recorded == null ? 100 : Math.max(1, Integer.parseInt(recorded));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** The decoding workspace, reallocated only when an input, length or beam outgrows it. */
  private Translator translator(int sourceSteps, int maxLength, int beam) {
    if (translator == null || cap[0] < sourceSteps || cap[1] != maxLength || cap[2] < beam) {
      cap = new int[] {Math.max(sourceSteps, Math.max(cap[0], 16)), maxLength, Math.max(beam, cap[2])};
      translator = new Translator(net, cap[0], cap[1], cap[2]);
    }
    return translator;
  }

  @Override
  public String toString() {
    return "TrainedTranslator[" + net.spec().name() + ", " + (source == null ? "dense" : source.size()) + " -> "
        + target.size() + " symbols, " + Arrays.toString(cap) + "]";
  }
}
