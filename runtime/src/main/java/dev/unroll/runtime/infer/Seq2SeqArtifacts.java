package dev.unroll.runtime.infer;

import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.io.FileOperations;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of a trained encoder-decoder {@code pkg.XNet}, kept side by side as those of a
 * recurrent model are ({@link ModelArtifacts}) and saved all or nothing by the same
 * {@link ArtifactTransaction}:
 *
 * <ul>
 *   <li>{@code XNet.safetensors}: the parameters under their PyTorch names;
 *   <li>{@code XNet.source.json}: the source vocabulary ({@link Vocabulary}), for a symbolic source;
 *   <li>{@code XNet.target.json}: the target vocabulary, {@link #START} first, {@link #END} in it;
 *   <li>{@code XNet.card.json}: the {@link ModelCard}, switched in last, recording the size and
 *       SHA-256 of the other files; its extras {@link #SOURCE_SYMBOLS} and {@link #TARGET_SYMBOLS}
 *       say how a text is split into symbols.
 * </ul>
 */
public final class Seq2SeqArtifacts {
  /** The start symbol the decoder reads at t = 0: target index 0. */
  public static final String START = "<s>";
  /** The end symbol every target sequence ends with. */
  public static final String END = "</s>";
  /** Card extra: {@link #CHARACTERS} or {@link #WORDS}, how a source text is split. */
  public static final String SOURCE_SYMBOLS = "sourceSymbols";
  /** Card extra: how a target text is split and joined. */
  public static final String TARGET_SYMBOLS = "targetSymbols";
  /** Card extra: the most output symbols decoding produces by default (the end symbol included). */
  public static final String MAX_LENGTH = "maxLength";
  public static final String CHARACTERS = "characters";
  public static final String WORDS = "words";

  private Seq2SeqArtifacts() {}

  /** {@code XNet.source.json}. */
  public static String sourceVocabularyName(String netSimpleName) {
    return netSimpleName + ".source.json";
  }

  /** {@code XNet.target.json}. */
  public static String targetVocabularyName(String netSimpleName) {
    return netSimpleName + ".target.json";
  }

  /** Every file name of a set, in the order a save switches them: the card last. */
  static List<String> names(String name) {
    return List.of(sourceVocabularyName(name), targetVocabularyName(name), ModelArtifacts.weightsName(name),
        ModelArtifacts.cardName(name));
  }

  /**
   * The architecture as JSON values for the card: source (kind, size), encoder and decoder layers
   * (cell, units, bidirectional, layerNorm), vocabulary, attention (and its size) and outputs.
   */
  public static Map<String, Object> describe(Seq2SeqSpec spec) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("kind", "encoder-decoder");
    a.put("name", spec.name());
    // Ordered maps throughout (not Map.of, whose order changes between JVM runs): the architecture's
    // JSON is part of the plugin's fingerprint, which must be the same bytes in every build.
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("kind", spec.sourceOneHot() ? "ONE_HOT" : "DENSE");
    source.put("size", spec.sourceSize());
    a.put("source", source);
    a.put("encoder", layers(spec.encoder()));
    a.put("decoder", layers(spec.decoder()));
    a.put("vocabulary", spec.vocabulary());
    a.put("attention", spec.attention().name());
    a.put("attentionSize", spec.attentionSize());
    a.put("outputs", spec.outputSize());
    return a;
  }

  private static List<Object> layers(List<LayerSpec> layers) {
    List<Object> out = new ArrayList<>();
    for (LayerSpec l : layers) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("cell", l.cell().name());
      layer.put("units", l.units());
      layer.put("bidirectional", l.bidirectional());
      layer.put("layerNorm", l.layerNorm());
      out.add(layer);
    }
    return out;
  }

  /** A card for {@code spec}, its architecture from {@link #describe}. */
  public static ModelCard card(Seq2SeqSpec spec, Map<String, Double> metrics, int epochs, String dataFingerprint,
      Map<String, String> extras) {
    return new ModelCard(spec.name(), describe(spec), metrics, epochs, dataFingerprint, extras);
  }

  /**
   * Writes the set into {@code directory}, staged in {@code scratch} (same file system), all or
   * nothing; see {@link ArtifactTransaction}. Everything is checked before anything is written.
   *
   * @param sourceOrNull the source vocabulary; {@code null} only for a dense source
   * @throws IllegalArgumentException if the vocabularies or card do not fit the network, or a
   *     parameter is not finite
   */
  public static void save(Path directory, Path scratch, EncoderDecoder net, Vocabulary sourceOrNull, Vocabulary target,
      ModelCard card, FileOperations ops) throws IOException {
    Seq2SeqSpec spec = net.spec();
    String name = spec.name();
    String what = "the artifacts of " + name;
    check(spec, sourceOrNull, target, card, what);
    int bad = NetworkWeights.firstNonFinite(net.parameters());
    if (bad >= 0) {
      throw new IllegalArgumentException(what + ": parameter " + bad + " is " + net.parameters()[bad]
          + " (training diverged); nothing was saved");
    }
    Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
    if (sourceOrNull != null) {
      files.put(sourceVocabularyName(name), text(sourceOrNull.toJson()));
    }
    files.put(targetVocabularyName(name), text(target.toJson()));
    files.put(ModelArtifacts.weightsName(name),
        NetworkWeights.content(name, net.layout(), net.parameters(), Map.of()));
    ArtifactTransaction.save(directory, scratch, name, names(name), files, card::toJson, ops);
  }

  /** As {@link #save(Path, Path, EncoderDecoder, Vocabulary, Vocabulary, ModelCard, FileOperations)}, staged in {@code directory}. */
  public static void save(Path directory, EncoderDecoder net, Vocabulary sourceOrNull, Vocabulary target,
      ModelCard card) throws IOException {
    save(directory, directory, net, sourceOrNull, target, card, FileOperations.DIRECT);
  }

  /** Finishes or discards an interrupted save of {@code netSimpleName}'s set; see {@link ModelArtifacts#recover}. */
  public static void recover(Path directory, Path scratch, String netSimpleName) throws IOException {
    ArtifactTransaction.recover(directory, scratch, netSimpleName, names(netSimpleName), FileOperations.DIRECT);
  }

  /**
   * Checks that the card and vocabularies belong to a network of {@code spec}.
   *
   * @throws IllegalArgumentException saying what does not fit
   */
  static void check(Seq2SeqSpec spec, Vocabulary source, Vocabulary target, ModelCard card, String what) {
    if (card == null) {
      throw new IllegalArgumentException(what + ": a model card is required");
    }
    if (!card.name().equals(spec.name())) {
      throw new IllegalArgumentException(what + ": the card is for model " + card.name() + ", not " + spec.name());
    }
    Map<String, Object> declared = card(spec, null, 0, null, null).architecture();
    if (!declared.equals(card.architecture())) {
      throw new IllegalArgumentException(what + ": the card describes the architecture " + card.architecture()
          + ", but " + spec.name() + " declares " + declared + ", so the weights are stale; train again (mvn rnn:train)");
    }
    if (spec.sourceOneHot() && source == null) {
      throw new IllegalArgumentException(what + ": a source vocabulary is required, " + spec.name()
          + " reads " + spec.sourceSize() + " source symbols");
    }
    if (source != null && source.size() != spec.sourceSize()) {
      throw new IllegalArgumentException(what + ": the source vocabulary has " + source.size() + " symbols, but "
          + spec.name() + " reads " + spec.sourceSize());
    }
    if (target == null) {
      throw new IllegalArgumentException(what + ": a target vocabulary is required");
    }
    if (target.size() != spec.vocabulary() || target.size() != spec.outputSize()) {
      throw new IllegalArgumentException(what + ": the target vocabulary has " + target.size() + " symbols, but "
          + spec.name() + " reads " + spec.vocabulary() + " and writes " + spec.outputSize()
          + "; declare @Decoder(vocabulary = " + target.size() + ")");
    }
    if (!START.equals(target.symbol(0)) || target.indexOf(END) < 0) {
      throw new IllegalArgumentException(what + ": the target vocabulary must start with " + START
          + " (what the decoder reads first) and hold " + END + ", but begins " + target.symbols().subList(0,
              Math.min(3, target.size())));
    }
  }

  /**
   * Checks the files of a set against the sizes and SHA-256 its card records: a truncated,
   * replaced or missing file, or a file the card does not list, is an error naming it.
   *
   * @throws IllegalStateException if a file does not match the card
   */
  static void verify(String name, String cardText, ModelArtifacts.Opener open, Function<String, String> describe)
      throws IOException {
    Map<String, Map<String, Object>> recorded = ModelCard.artifacts(cardText);
    if (recorded.isEmpty()) {
      return; // a card written by hand, not by a save: nothing recorded to check against
    }
    for (String fileName : names(name)) {
      if (fileName.equals(ModelArtifacts.cardName(name))) {
        continue;
      }
      Map<String, Object> expected = recorded.get(fileName);
      try (InputStream in = open.open(fileName)) {
        if (expected == null) {
          if (in != null) {
            throw new IllegalStateException("Inconsistent artifacts for " + name + ": " + describe.apply(fileName)
                + " is not part of the set the card describes; train it again (mvn rnn:train -Drnn.force)");
          }
          continue;
        }
        if (in == null) {
          throw new IllegalStateException("Incomplete artifacts for " + name + ": " + describe.apply(fileName)
              + " is missing, but the card lists it; train it again (mvn rnn:train -Drnn.force)");
        }
        Map<String, Object> actual = ArtifactTransaction.checksum(in);
        if (!actual.equals(expected)) {
          throw new IllegalStateException("Damaged artifacts for " + name + ": " + describe.apply(fileName) + " has "
              + actual.get("bytes") + " bytes, but the card records " + expected.get("bytes") + " bytes and another"
              + " SHA-256; train it again (mvn rnn:train -Drnn.force)");
        }
      }
    }
  }

  private static AtomicFiles.Content text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return channel -> AtomicFiles.writeFully(channel, ByteBuffer.wrap(bytes));
  }
}
