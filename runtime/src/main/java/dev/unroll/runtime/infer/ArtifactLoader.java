package dev.unroll.runtime.infer;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.io.NetworkWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Loads a trained model's artifacts (weights, card, vocabulary, normalisation) from the classpath
 * or a directory, checks that they fit the network, and only then loads the weights into it.
 */
final class ArtifactLoader {
  private ArtifactLoader() {}

  /** Where artifacts are read from. */
  private interface Source {
    /** The named artifact, or {@code null} if it does not exist. */
    InputStream open(String name) throws IOException;

    String describe(String name);

    String place();
  }

  /** See {@link TrainedModel#load(RecurrentNetwork, Class)}. */
  static TrainedModel fromClasspath(RecurrentNetwork net, Class<?> anchor) throws IOException {
    String folder = anchor.getPackageName().replace('.', '/');
    String prefix = folder.isEmpty() ? "" : folder + "/";
    return load(net, new Source() {
      @Override
      public InputStream open(String name) {
        return anchor.getResourceAsStream(name);
      }

      @Override
      public String describe(String name) {
        return "classpath resource " + prefix + name;
      }

      @Override
      public String place() {
        return "on the classpath beside " + anchor.getName() + " (" + prefix + ")";
      }
    });
  }

  /** See {@link TrainedModel#load(RecurrentNetwork, Path)}. */
  static TrainedModel fromDirectory(RecurrentNetwork net, Path directory) throws IOException {
    ModelArtifacts.recover(directory, directory, net.spec().name());
    return load(net, new Source() {
      @Override
      public InputStream open(String name) throws IOException {
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
      }

      @Override
      public String describe(String name) {
        return directory.resolve(name).toString();
      }

      @Override
      public String place() {
        return "in " + directory;
      }
    });
  }

  private static TrainedModel load(RecurrentNetwork net, Source source) throws IOException {
    String name = net.spec().name();
    String weightsName = ModelArtifacts.weightsName(name);
    try (InputStream weights = source.open(weightsName)) {
      if (weights == null) {
        throw new IllegalStateException("No trained weights for " + name + ": " + source.describe(weightsName)
            + " does not exist. The model must be trained first (mvn rnn:train), which writes its artifacts "
            + source.place());
      }
      ModelCard card = card(source, name, weightsName);
      Vocabulary vocabulary = optional(source, ModelArtifacts.vocabularyName(name), Vocabulary::fromJson);
      Normalization normalization = optional(source, ModelArtifacts.normalizationName(name), Normalization::fromJson);
      ModelArtifacts.Columns columns;
      try {
        columns = ModelArtifacts.check(net.spec(), vocabulary, normalization, card,
            "the artifacts of " + name + " " + source.place());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      // Last, so that nothing above can leave the network with new weights and a failed load.
      NetworkWeights.load(net, source.describe(weightsName), weights);
      return new TrainedModel(net, vocabulary, normalization, card, columns);
    }
  }

  /** The card, which must exist beside the weights (else the set is incomplete). */
  private static ModelCard card(Source source, String name, String weightsName) throws IOException {
    String cardName = ModelArtifacts.cardName(name);
    String cardText = readText(source, cardName);
    if (cardText == null) {
      throw new IllegalStateException("Incomplete artifacts for " + name + ": " + source.describe(cardName)
          + " is missing, so " + weightsName + " may be from an interrupted save; train again (mvn rnn:train)"
          + " or save with ModelArtifacts.save");
    }
    ModelCard card;
    try {
      card = ModelCard.fromJson(source.describe(cardName), cardText);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    // The card records each artifact's size and digest: a truncated or swapped file is refused here.
    ModelArtifacts.verify(name, cardText, source::open, source::describe);
    return card;
  }

  /** The artifact {@code fileName} parsed, or {@code null} if the set has none; a bad one names its file. */
  private static <T> T optional(Source source, String fileName, Function<String, T> parse) throws IOException {
    String text = readText(source, fileName);
    if (text == null) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(source.describe(fileName) + ": " + e.getMessage(), e);
    }
  }

  private static String readText(Source source, String name) throws IOException {
    try (InputStream in = source.open(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
