package dev.unroll.maven;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The goals that work through the POM's {@code <models>} ({@code rnn:train}, {@code rnn:evaluate}):
 * the per-model settings, the choice of models and threads, and the {@code -Drnn.<setting>}
 * overrides.
 */
abstract class AbstractModelsMojo extends AbstractRnnMojo {

  /**
   * Per-model settings, {@code <model><name>..</name>..</model>}, shared by {@code rnn:train} and
   * {@code rnn:evaluate} (training settings, test data, quality-gate thresholds); see the README for
   * every element. Taken as XML rather than as beans, so that each {@code <model>} element is
   * set by its name ({@link ModelSettings#set}) and a new setting needs no Maven setter.
   */
  @Parameter
  private PlexusConfiguration models;

  /**
   * Comma-separated names of the models to work on (default: all; for {@code rnn:evaluate}, all with
   * test data or thresholds).
   */
  @Parameter(property = "rnn.models")
  private String selectedModels;

  /** Training or evaluation threads (default: every core). */
  @Parameter(property = "rnn.threads")
  private String threads;

  @Override
  protected final List<ModelSettings> models() {
    return settings(models);
  }

  /**
   * Each child of {@code <models>} as a {@code <model>}, its elements set by name.
   *
   * @throws ConfigurationException naming an element that is no setting or that holds elements
   */
  static List<ModelSettings> settings(PlexusConfiguration models) {
    List<ModelSettings> out = new ArrayList<>();
    PlexusConfiguration[] children = models == null ? new PlexusConfiguration[0] : models.getChildren();
    for (int i = 0; i < children.length; i++) {
      PlexusConfiguration model = children[i];
      // Which <model> a message is about: its <name> where it has one, else its position.
      PlexusConfiguration name = model.getChild("name", false);
      String which = "the POM's <models>, <" + model.getName() + "> number " + (i + 1)
          + (name == null || name.getValue() == null ? "" : " (" + name.getValue().strip() + ")");
      ModelSettings settings = new ModelSettings();
      for (PlexusConfiguration setting : model.getChildren()) {
        if (setting.getChildCount() > 0) {
          throw new ConfigurationException(which + ": <" + setting.getName()
              + "> holds elements; write its value as text");
        }
        try {
          settings.set(setting.getName(), setting.getValue());
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(which + ": " + e.getMessage());
        }
      }
      out.add(settings);
    }
    return out;
  }

  /** The goal's parameters and the setting overrides, which the parameters win over. */
  @Override
  protected final Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>(settingOverrides());
    p.putAll(super.parameters());
    return p;
  }
}
