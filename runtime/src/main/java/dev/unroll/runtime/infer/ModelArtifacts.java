package dev.unroll.runtime.infer;

import dev.unroll.dsl.Activation;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.io.FileOperations;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of a trained network {@code pkg.XNet}, named after its simple name and kept side by
 * side: on the classpath beside the class ({@code pkg/XNet.safetensors}, ...) or in one directory.
 *
 * <ul>
 *   <li>{@code XNet.safetensors}: the parameters ({@link NetworkWeights});
 *   <li>{@code XNet.vocab.json}: the symbols ({@link Vocabulary}), optional;
 *   <li>{@code XNet.normalization.json}: the feature statistics ({@link Normalization}), optional;
 *   <li>{@code XNet.card.json}: the {@link ModelCard}, switched in last; it records the size and
 *       SHA-256 of the other files, so a card beside files of another save is detected.
 * </ul>
 *
 * <p>A vocabulary must have one symbol per input symbol for symbolic inputs, or one label per
 * output for dense inputs. How normalisation columns are matched is described on
 * {@link TrainedModel}.
 */
public final class ModelArtifacts {
  private ModelArtifacts() {}

  /** {@code XNet.safetensors}: the weights file of the network class {@code XNet}. */
  public static String weightsName(String netSimpleName) {
    return netSimpleName + ".safetensors";
  }

  /** {@code XNet.vocab.json}: the vocabulary file. */
  public static String vocabularyName(String netSimpleName) {
    return netSimpleName + ".vocab.json";
  }

  /** {@code XNet.normalization.json}: the normalisation file. */
  public static String normalizationName(String netSimpleName) {
    return netSimpleName + ".normalization.json";
  }

  /** {@code XNet.card.json}: the model card, the file whose presence marks a complete set. */
  public static String cardName(String netSimpleName) {
    return netSimpleName + ".card.json";
  }

  /** Whether {@code directory} holds a complete set for {@code netSimpleName}: its card is present. */
  public static boolean isComplete(Path directory, String netSimpleName) {
    return Files.isRegularFile(directory.resolve(cardName(netSimpleName)));
  }

  /**
   * Writes the artifacts of {@code net} into {@code directory} (created if missing), all or
   * nothing: the complete new set replaces the old one, or the old one stays complete. The new
   * files are staged in a hidden {@code .XNet.saving} directory inside {@code directory} and then
   * switched in; see {@link #save(Path, Path, RecurrentNetwork, Vocabulary, Normalization,
   * ModelCard, FileOperations)}. A vocabulary or normalisation file left from an earlier save is
   * deleted when none is given, so it cannot be paired with new weights.
   *
   * @param vocabOrNull the vocabulary, or {@code null}
   * @param normOrNull the normalisation, or {@code null}
   * @param card the card; its name must be the network's
   * @throws IllegalArgumentException if the card, vocabulary or normalisation do not fit the
   *     network (checked before anything is written)
   * @throws IOException if a file cannot be written (the message names it)
   */
  public static void save(Path directory, RecurrentNetwork net, Vocabulary vocabOrNull, Normalization normOrNull,
      ModelCard card) throws IOException {
    save(directory, directory, net, vocabOrNull, normOrNull, card, FileOperations.DIRECT);
  }

  /**
   * As {@link #save(Path, RecurrentNetwork, Vocabulary, Normalization, ModelCard)}, staging the new
   * files in {@code scratch} (same file system as {@code directory}; a directory outside a class
   * output keeps every temporary out of the jar) and performing each file-system step through
   * {@code ops}. The sequence and why every interruption is recoverable are described on
   * {@link ArtifactTransaction}. The card written records the size and SHA-256 of every other file
   * of the set, which {@link TrainedModel} checks at load. Before the new set is staged the
   * parameters and statistics are checked finite, so diverged weights never replace a model.
   *
   * @throws IllegalArgumentException if the artifacts do not fit the network or hold non-finite
   *     values (nothing is written then)
   */
  public static void save(Path directory, Path scratch, RecurrentNetwork net, Vocabulary vocabOrNull,
      Normalization normOrNull, ModelCard card, FileOperations ops) throws IOException {
    ModelSpec spec = net.spec();
    String name = spec.name();
    check(spec, vocabOrNull, normOrNull, card, "the artifacts of " + name);
    NetworkWeights.requireFinite(net, "the artifacts of " + name);
    Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
    if (vocabOrNull != null) {
      files.put(vocabularyName(name), text(vocabOrNull.toJson()));
    }
    if (normOrNull != null) {
      files.put(normalizationName(name), text(normOrNull.toJson()));
    }
    files.put(weightsName(name), NetworkWeights.content(net, Map.of()));
    ArtifactTransaction.save(directory, scratch, name, names(name), files, card::toJson, ops);
  }

  /**
   * Finishes or discards a save of {@code netSimpleName}'s set into {@code directory} that was
   * interrupted (a killed process, a failed disk), staged in {@code scratch}; afterwards the
   * directory holds one complete set, old or new, and no temporaries. Writes nothing when there is
   * nothing to do. Every save and every {@link TrainedModel#load(RecurrentNetwork, Path)} runs it.
   */
  public static void recover(Path directory, Path scratch, String netSimpleName) throws IOException {
    ArtifactTransaction.recover(directory, scratch, netSimpleName, names(netSimpleName), FileOperations.DIRECT);
  }

  /** Every file name of a set, in the order a save switches them: the card last. */
  private static List<String> names(String name) {
    return List.of(vocabularyName(name), normalizationName(name), weightsName(name), cardName(name));
  }

  private static AtomicFiles.Content text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return channel -> AtomicFiles.writeFully(channel, ByteBuffer.wrap(bytes));
  }

  /** Opens an artifact by file name, or gives {@code null} if it does not exist. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(String fileName) throws IOException;
  }

  /**
   * Checks the files of a set against the sizes and SHA-256 its card records (cards written
   * before this check have none; nothing is checked then): a truncated, replaced or missing file,
   * or a vocabulary or normalisation the card does not list, is an error naming the file.
   *
   * @param cardText the card's JSON
   * @param describe names a file in messages
   * @throws IllegalStateException if a file does not match the card
   */
  public static void verify(String netSimpleName, String cardText, Opener open, Function<String, String> describe)
      throws IOException {
    Map<String, Map<String, Object>> recorded = ModelCard.artifacts(cardText);
    if (recorded.isEmpty()) {
      return;
    }
    for (String fileName : names(netSimpleName)) {
      Map<String, Object> expected = recorded.get(fileName);
      try (InputStream in = open.open(fileName)) {
        if (expected == null) {
          if (in != null && !fileName.equals(cardName(netSimpleName))) {
            throw new IllegalStateException("Inconsistent artifacts for " + netSimpleName + ": "
                + describe.apply(fileName) + " is not part of the set the card " + cardName(netSimpleName)
                + " describes (left from another save?); delete it, or train it again (mvn rnn:train -Drnn.force)");
          }
          continue;
        }
        if (in == null) {
          throw new IllegalStateException("Incomplete artifacts for " + netSimpleName + ": "
              + describe.apply(fileName) + " is missing, but the card lists it; train it again (mvn rnn:train -Drnn.force)");
        }
        Map<String, Object> actual = ArtifactTransaction.checksum(in);
        if (!actual.equals(expected)) {
          throw new IllegalStateException("Damaged artifacts for " + netSimpleName + ": " + describe.apply(fileName)
              + " has " + actual.get("bytes") + " bytes (SHA-256 " + actual.get("sha256") + "), but the card "
              + cardName(netSimpleName) + " records " + expected.get("bytes") + " bytes (SHA-256 "
              + expected.get("sha256") + "): the file was truncated, replaced or damaged after the save;"
              + " train it again (mvn rnn:train -Drnn.force)");
        }
      }
    }
  }

  /**
   * Checks that the card, vocabulary and normalisation belong to a network of {@code spec} and
   * resolves the normalisation columns.
   *
   * @param what names the set in messages
   * @throws IllegalArgumentException saying what does not fit
   */
  static Columns check(ModelSpec spec, Vocabulary vocab, Normalization norm, ModelCard card, String what) {
    if (card == null) {
      throw new IllegalArgumentException(what + ": a model card is required");
    }
    if (!card.name().equals(spec.name())) {
      throw new IllegalArgumentException(what + ": the card is for model " + Quote.of(card.name()) + ", not " + spec.name());
    }
    List<String> differences = card.differencesFrom(spec);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(what + ": the card describes a different architecture from the one "
          + spec.name() + " declares, so the weights are stale; train again (mvn rnn:train). "
          + String.join("; ", differences));
    }
    if (vocab != null) {
      boolean symbolic = spec.input().kind().symbolic();
      int expected = symbolic ? spec.input().size() : spec.head().size();
      if (vocab.size() != expected) {
        throw new IllegalArgumentException(what + ": the vocabulary has " + vocab.size() + " symbols, but "
            + spec.name() + (symbolic ? " reads " + expected + " input symbols" : " has " + expected + " outputs"));
      }
    }
    return Columns.resolve(spec, norm, card, what);
  }

  /**
   * Which normalisation column each dense input feature and each linear output uses; see
   * {@link TrainedModel} for the rules.
   *
   * @param input column of each input feature, or {@code null} when inputs are not normalised
   * @param target column of each output, or {@code null} when outputs are not denormalised
   */
  record Columns(int[] input, int[] target) {
    static final Columns NONE = new Columns(null, null);

    static Columns resolve(ModelSpec spec, Normalization norm, ModelCard card, String what) {
      if (norm == null) {
        return NONE;
      }
      int inputs = spec.input().kind().symbolic() ? 0 : spec.input().size();
      int outputs = spec.head().activation() == Activation.LINEAR ? spec.head().size() : 0;
      if (inputs == 0 && outputs == 0) {
        // Nothing is real-valued: the statistics are kept for the caller but not applied.
        return NONE;
      }
      String inputNames = card.extras().get(ModelCard.INPUT_COLUMNS);
      String targetNames = card.extras().get(ModelCard.TARGET_COLUMNS);
      if (inputNames != null || targetNames != null) {
        return new Columns(
            named(norm, inputNames, inputs, ModelCard.INPUT_COLUMNS, what),
            named(norm, targetNames, outputs, ModelCard.TARGET_COLUMNS, what));
      }
      int columns = norm.columns();
      if (columns == inputs + outputs) {
        return new Columns(range(0, inputs), range(inputs, outputs));
      }
      if (columns == inputs && inputs == outputs) {
        return new Columns(range(0, inputs), range(0, outputs));
      }
      throw new IllegalArgumentException(what + ": the normalisation has " + columns + " columns " + Quote.names(norm.names())
          + ", but " + spec.name() + " has " + inputs + " normalised inputs and " + outputs
          + " denormalised outputs; expected " + (inputs + outputs) + " columns [inputs..., targets...]"
          + (inputs == outputs ? " or " + inputs + " shared by inputs and targets" : "")
          + ", or name them in the card's extras \"" + ModelCard.INPUT_COLUMNS + "\" and \""
          + ModelCard.TARGET_COLUMNS + "\"");
    }

    /** Columns of the comma-separated names; {@code null} when there are none to map. */
    private static int[] named(Normalization norm, String names, int count, String extra, String what) {
      if (count == 0) {
        return null;
      }
      if (names == null) {
        throw new IllegalArgumentException(what + ": the card names normalisation columns but has no \""
            + extra + "\" for the model's " + count + " values");
      }
      List<String> list = new ArrayList<>();
      for (String n : names.split(",", -1)) {
        list.add(n.strip());
      }
      if (list.size() != count) {
        throw new IllegalArgumentException(what + ": the card's \"" + extra + "\" names " + list.size()
            + " columns " + list + ", the model has " + count + " values");
      }
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        try {
          out[i] = norm.column(list.get(i));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(what + ": the card's \"" + extra + "\": " + e.getMessage(), e);
        }
      }
      return out;
    }

    private static int[] range(int from, int count) {
      if (count == 0) {
        return null;
      }
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = from + i;
      }
      return out;
    }
  }
}
