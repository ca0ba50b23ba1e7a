package dev.unroll.maven.project;

import dev.unroll.maven.config.ConfigurationException;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses the model a command-line goal ({@code rnn:generate}, {@code rnn:predict}) works on:
 * the one {@code -Drnn.model} names, from any model index on the project's classpath (its own
 * class output or a dependency's jar), or the only suitable model when none is named.
 */
public final class CommandLineModels {
  private CommandLineModels() {}

  /**
   * The chosen model.
   *
   * @param suitable which models the goal can use
   * @param kind what a suitable model is, for messages ("a character model")
   * @throws ConfigurationException if the name matches no model, or none is named and not exactly
   *     one is suitable
   */
  public static DiscoveredModel choose(ClassLoader loader, String name, Predicate<DiscoveredModel> suitable, String kind)
      throws IOException {
    List<DiscoveredModel> models = ModelDiscovery.loadAll(loader, ModelIndex.readAll(loader, ModelDiscovery.INDEX));
    if (name != null && !name.isBlank()) {
      return ModelDiscovery.select(models, name, "-Drnn.model");
    }
    List<DiscoveredModel> candidates = models.stream().filter(suitable).collect(Collectors.toList());
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new ConfigurationException("Which model? Set -Drnn.model to " + (candidates.isEmpty()
        ? "a model name; none of the project's models (" + ModelDiscovery.available(models) + ") is " + kind
        : "one of " + ModelDiscovery.available(candidates)));
  }
}
