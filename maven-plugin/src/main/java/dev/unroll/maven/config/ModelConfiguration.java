package dev.unroll.maven.config;

import dev.unroll.maven.data.DataFormat;
import dev.unroll.maven.evaluate.QualityGate;
import dev.unroll.maven.evaluate.Threshold;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.runtime.data.WordOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges each model's configuration from three layers, later ones winning: the annotation's
 * {@code @Training} defaults, the POM's {@code <models><model>} element for it, and the
 * {@code -Drnn.*} properties. Every value is checked here, so a mistake fails the build before any
 * training starts, with one line naming the model, the setting and the fix.
 */
public final class ModelConfiguration {
  private ModelConfiguration() {}

  /**
   * The plans of the models to work on: every discovered model, or those {@code -Drnn.models}
   * names, in index order.
   *
   * @throws ConfigurationException if a {@code <model>} or {@code -Drnn.models} names no model, a
   *     model is configured twice, or a setting is malformed or out of range
   */
  public static List<ModelPlan> resolve(List<DiscoveredModel> models, List<ModelSettings> pom, Overrides overrides,
      ProjectLayout layout) {
    Map<DiscoveredModel, ModelSettings> byModel = new LinkedHashMap<>();
    for (ModelSettings settings : pom == null ? List.<ModelSettings>of() : pom) {
      String name = settings.get("name");
      if (name == null) {
        throw new ConfigurationException("A <model> in the rnn-maven-plugin configuration has no <name>; add"
            + " <name> with one of " + ModelDiscovery.available(models));
      }
      DiscoveredModel model = ModelDiscovery.select(models, name, "<model><name>");
      if (byModel.put(model, settings) != null) {
        throw new ConfigurationException("Model " + model.simpleName() + " is configured by two <model> elements;"
            + " merge them into one");
      }
    }
    List<DiscoveredModel> selected = new ArrayList<>();
    if (overrides.models().isEmpty()) {
      selected.addAll(models);
    } else {
      for (String name : overrides.models()) {
        DiscoveredModel model = ModelDiscovery.select(models, name, "-Drnn.models");
        if (!selected.contains(model)) {
          selected.add(model);
        }
      }
    }
    List<ModelPlan> plans = new ArrayList<>();
    for (DiscoveredModel model : selected) {
      plans.add(plan(model, byModel.getOrDefault(model, new ModelSettings()), overrides, layout));
    }
    return plans;
  }

  /** One model's plan from its POM settings (possibly empty) and the overrides. */
  public static ModelPlan plan(DiscoveredModel model, ModelSettings settings, Overrides overrides,
      ProjectLayout layout) {
    SettingsReader r = new SettingsReader(model.simpleName(), settings, overrides.settings());
    ModelSpec spec = model.spec();

    TrainingSettings training = training(r, spec, overrides);

    Path data = null;
    String dataSetting = "<data>";
    if (r.text("data") != null) {
      data = layout.resolve(r.text("data"));
      dataSetting = r.label("data");
    } else if (!spec.training().data().isBlank()) {
      data = layout.resolve(spec.training().data());
      dataSetting = "@Training(data)";
    }
    Path testData = r.text("testData") == null ? null : layout.resolve(r.text("testData"));
    DataFormat format = format(r, data, dataSetting, testData);
    String symbols = r.text("symbols");
    if (symbols != null && !symbols.equals("characters") && !symbols.equals("words")) {
      throw r.error("symbols", symbols, "is neither characters nor words", "write characters or words");
    }
    DataSettings dataSettings = new DataSettings(
        data,
        dataSetting,
        format,
        testData,
        r.list("columns"),
        r.list("targetColumns"),
        r.integer("window", spec.steps(), 1),
        r.integer("horizon", 1, 0),
        r.integer("stride", 1, 1),
        r.integer("maxLength", spec.steps(), 1),
        "words".equals(symbols),
        new WordOptions(r.bool("lowercase"), r.integer("minCount", 1, 1)));

    Map<Threshold, Double> thresholds = new EnumMap<>(Threshold.class);
    boolean classification = spec.loss().classTargets();
    for (Threshold threshold : Threshold.values()) {
      String text = r.text(threshold.setting());
      if (text == null) {
        continue;
      }
      double bound = r.number(threshold.setting());
      if (!threshold.appliesTo(classification)) {
        throw new ConfigurationException("Model " + model.simpleName() + ": " + r.label(threshold.setting())
            + " does not apply to a model trained with " + spec.loss() + " loss, which has no " + threshold.figure()
            + "; use " + (classification ? "<minAccuracy>, <maxBitsPerSymbol>, <maxPerplexity> or <maxLoss>"
                : "<maxMae>, <maxRmse> or <maxLoss>"));
      }
      thresholds.put(threshold, bound);
    }
    boolean skipped = r.bool("skip");
    return new ModelPlan(model, dataSettings, training, new QualityGate(thresholds), skipped);
  }

  /**
   * The training settings: each registered setting at the annotation's value, overridden by the
   * POM's element of its name, then by {@code -Drnn.<setting>} ({@code -Drnn.epochs} included);
   * each value parsed as the registry types it and checked against the registry's range.
   */
  private static TrainingSettings training(SettingsReader r, ModelSpec spec, Overrides overrides) {
    Map<TrainingSetting, Object> values = spec.training().values();
    for (TrainingSetting s : TrainingSetting.values()) {
      if (r.text(s.key()) != null) {
        values.put(s, r.setting(s));
      }
    }
    if (overrides.epochs() != null) {
      values.put(TrainingSetting.EPOCHS, overrides.epochs());
    }
    int threads = overrides.threads() != null ? overrides.threads()
        : r.integer("threads", Runtime.getRuntime().availableProcessors(), 1);
    try {
      return new TrainingSettings(TrainingSpec.of(values), threads);
    } catch (IllegalArgumentException e) {
      // A rule between settings (NESTEROV needs a momentum): each value alone was in its range.
      throw new ConfigurationException("Model " + r.model + ": " + e.getMessage() + "; change "
          + r.label("optimizer") + " or " + r.label("momentum"));
    }
  }

  private static DataFormat format(SettingsReader r, Path data, String dataSetting, Path testData) {
    String explicit = r.text("format");
    if (explicit != null) {
      DataFormat f = DataFormat.byId(explicit);
      if (f == null) {
        throw r.error("format", explicit, "is not a data format", "write one of " + DataFormat.ids());
      }
      return f;
    }
    Path sample = data != null ? data : testData;
    if (sample == null) {
      return null;
    }
    if (java.nio.file.Files.isDirectory(sample)) {
      throw new ConfigurationException("Model " + r.model + ": " + sample + " (setting "
          + (data != null ? dataSetting : "<testData>") + ") is a directory; point it at one data file ("
          + DataFormat.ids() + ")");
    }
    DataFormat f = DataFormat.byExtension(sample);
    if (f == null) {
      throw new ConfigurationException("Model " + r.model + ": cannot tell the format of " + sample.getFileName()
          + " (setting " + (data != null ? dataSetting : "<testData>") + ") from its extension; set <format> to one of "
          + DataFormat.ids());
    }
    return f;
  }
}
