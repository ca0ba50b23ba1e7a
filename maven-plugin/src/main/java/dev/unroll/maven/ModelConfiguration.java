package dev.unroll.maven;

import dev.unroll.runtime.model.ModelSpec;
import dev.unroll.runtime.model.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    Reader r = new Reader(model.simpleName(), settings);
    ModelSpec spec = model.spec();
    TrainingSpec t = spec.training();

    int epochs = overrides.epochs() != null ? overrides.epochs() : r.integer("epochs", t.epochs(), 1);
    int threads = overrides.threads() != null ? overrides.threads()
        : r.integer("threads", Runtime.getRuntime().availableProcessors(), 1);
    TrainingSettings training = new TrainingSettings(
        t.optimizer(),
        t.momentum(),
        t.weightDecay(),
        epochs,
        r.integer("batchSize", t.batchSize(), 1),
        r.positive("learningRate", t.learningRate()),
        threads,
        r.whole("seed", t.seed()),
        r.integer("truncatedBptt", t.truncatedBptt(), 0),
        r.fraction("validationSplit", t.validationSplit()),
        r.integer("patience", t.patience(), 0),
        r.nonNegative("clipNorm", t.clipNorm()));

    Path data = null;
    String dataSetting = "<data>";
    if (settings.get("data") != null) {
      data = layout.resolve(settings.get("data"));
    } else if (!t.data().isBlank()) {
      data = layout.resolve(t.data());
      dataSetting = "@Training(data)";
    }
    Path testData = settings.get("testData") == null ? null : layout.resolve(settings.get("testData"));
    DataFormat format = format(r, data, dataSetting, testData);
    String symbols = settings.get("symbols");
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
        "words".equals(symbols));

    Map<Threshold, Double> thresholds = new EnumMap<>(Threshold.class);
    boolean classification = spec.loss().classTargets();
    for (Threshold threshold : Threshold.values()) {
      String text = settings.get(threshold.setting());
      if (text == null) {
        continue;
      }
      double bound = r.number(threshold.setting());
      if (!threshold.appliesTo(classification)) {
        throw new ConfigurationException("Model " + model.simpleName() + ": <" + threshold.setting()
            + "> does not apply to a model trained with " + spec.loss() + " loss, which has no " + threshold.figure()
            + "; use " + (classification ? "<minAccuracy>, <maxBitsPerSymbol>, <maxPerplexity> or <maxLoss>"
                : "<maxMae>, <maxRmse> or <maxLoss>"));
      }
      thresholds.put(threshold, bound);
    }
    boolean skipped = r.bool("skip");
    return new ModelPlan(model, dataSettings, training, new QualityGate(thresholds), skipped);
  }

  private static DataFormat format(Reader r, Path data, String dataSetting, Path testData) {
    String explicit = r.settings.get("format");
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

  /** Reads one model's settings, each failure naming the model and the setting. */
  private static final class Reader {
    final String model;
    final ModelSettings settings;

    Reader(String model, ModelSettings settings) {
      this.model = model;
      this.settings = settings;
    }

    ConfigurationException error(String setting, String value, String problem, String fix) {
      return new ConfigurationException("Model " + model + ": <" + setting + "> is \"" + value + "\", which " + problem
          + "; " + fix);
    }

    int integer(String setting, int fallback, int min) {
      String text = settings.get(setting);
      if (text == null) {
        return fallback;
      }
      int v;
      try {
        v = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw error(setting, text, "is not a whole number", "write a whole number such as " + Math.max(min, 10));
      }
      if (v < min) {
        throw error(setting, text, "is below " + min, "write a whole number of at least " + min);
      }
      return v;
    }

    long whole(String setting, long fallback) {
      String text = settings.get(setting);
      if (text == null) {
        return fallback;
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error(setting, text, "is not a whole number", "write a whole number such as 42");
      }
    }

    /** A finite decimal number. */
    double number(String setting) {
      String text = settings.get(setting);
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(setting, text, "is not a number", "write a decimal number such as 0.85");
      }
      if (!Double.isFinite(v)) {
        throw error(setting, text, "is not a finite number", "write a decimal number such as 0.85");
      }
      return v;
    }

    double positive(String setting, double fallback) {
      if (settings.get(setting) == null) {
        return fallback;
      }
      double v = number(setting);
      if (!(v > 0)) {
        throw error(setting, settings.get(setting), "is not above 0", "write a positive number such as 0.001");
      }
      return v;
    }

    double nonNegative(String setting, double fallback) {
      if (settings.get(setting) == null) {
        return fallback;
      }
      double v = number(setting);
      if (v < 0) {
        throw error(setting, settings.get(setting), "is negative", "write 0 or a positive number");
      }
      return v;
    }

    double fraction(String setting, double fallback) {
      if (settings.get(setting) == null) {
        return fallback;
      }
      double v = number(setting);
      if (v < 0 || v >= 1) {
        throw error(setting, settings.get(setting), "is not in [0, 1)", "write a fraction such as 0.1");
      }
      return v;
    }

    boolean bool(String setting) {
      String text = settings.get(setting);
      if (text == null) {
        return false;
      }
      switch (text.toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          throw error(setting, text, "is neither true nor false", "write true or false");
      }
    }

    List<String> list(String setting) {
      String text = settings.get(setting);
      if (text == null) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (String part : text.split(",")) {
        if (part.isBlank()) {
          throw error(setting, text, "has an empty name", "write comma-separated column names such as a,b");
        }
        out.add(part.strip());
      }
      return out;
    }
  }
}
