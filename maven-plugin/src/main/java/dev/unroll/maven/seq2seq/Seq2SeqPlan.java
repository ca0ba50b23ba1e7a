package dev.unroll.maven.seq2seq;

import dev.unroll.dsl.Optimizer;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.config.SettingsReader;
import dev.unroll.maven.project.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the plugin trains, evaluates and gates one encoder-decoder, resolved from its {@code <model>}
 * element and the {@code -Drnn.*} properties (which win). An {@code @EncoderDecoder} has no
 * {@code @Training}: the defaults are here. Every value is checked before anything trains, each
 * mistake one line naming the model, the setting and the fix.
 *
 * @param data parallel data, one {@code source<TAB>target} pair a line
 * @param testData test pairs for {@code rnn:evaluate}, or {@code null}
 * @param sourceWords the source side is whitespace-separated words (else characters)
 * @param targetWords the target side is whitespace-separated words (else characters)
 * @param maxLength the most output symbols when decoding, the end symbol included; 0: twice the
 *     longest training target plus 2
 * @param beam the beam width of evaluation (1: greedy)
 * @param gate thresholds by setting name ({@code minAccuracy}, {@code minSequenceAccuracy},
 *     {@code maxErrorRate})
 */
public record Seq2SeqPlan(EncoderDecoderModels.Model model, Path data, Path testData, int epochs, int batchSize,
    double learningRate, Optimizer optimizer, double clipNorm, long seed, double validationSplit, int patience,
    boolean sourceWords, boolean targetWords, int maxLength, int beam, Map<String, Double> gate, boolean skipped) {

  /** The gate settings: token accuracy, exact-sequence accuracy (both lowest accepted), edit-distance error rate (highest). */
  public static final List<String> THRESHOLDS = List.of("minAccuracy", "minSequenceAccuracy", "maxErrorRate");

  /** Settings an encoder-decoder reads; any other {@code <model>} element is a mistake for it. */
  private static final Set<String> READ = Set.of("name", "skip", "data", "format", "testData", "epochs", "batchSize",
      "learningRate", "optimizer", "clipNorm", "seed", "validationSplit", "patience", "threads", "sourceSymbols",
      "targetSymbols", "maxLength", "beam", "minAccuracy", "minSequenceAccuracy", "maxErrorRate");

  /** The format name of parallel data. */
  public static final String FORMAT = "parallel";

  public String name() {
    return model.simpleName();
  }

  /**
   * Resolves one model's plan.
   *
   * @throws ConfigurationException naming the model and setting for a missing, malformed or
   *     out-of-range value, or a setting an encoder-decoder does not read
   */
  public static Seq2SeqPlan resolve(EncoderDecoderModels.Model model, ModelSettings pom, Overrides overrides,
      ProjectLayout layout) {
    SettingsReader r = new SettingsReader(model.simpleName(), pom == null ? new ModelSettings() : pom, overrides.settings());
    for (String setting : r.settings.values().keySet()) {
      if (!READ.contains(setting)) {
        throw new ConfigurationException("Model " + r.model + ": <" + setting + "> does not apply to an encoder-decoder;"
            + " it reads " + String.join(", ", READ.stream().sorted().toList()));
      }
    }
    String format = r.text("format");
    if (format != null && !format.equals(FORMAT)) {
      throw r.error("format", format, "is not the format of an encoder-decoder's data", "write " + FORMAT
          + " (source<TAB>target lines) or leave it out");
    }
    String dataText = r.text("data");
    if (dataText == null) {
      throw new ConfigurationException("Model " + r.model + ": no training data; set <data> in its <model> element to a"
          + " file of source<TAB>target lines");
    }
    Path data = layout.resolve(dataText);
    Path testData = r.text("testData") == null ? null : layout.resolve(r.text("testData"));
    int epochs = overrides.epochs() != null ? overrides.epochs() : r.integer("epochs", 10, 1);
    Map<String, Double> gate = new LinkedHashMap<>();
    for (String t : THRESHOLDS) {
      if (r.text(t) != null) {
        double bound = r.number(t, Double.NaN, 0, t.equals("maxErrorRate") ? Double.MAX_VALUE : 1);
        gate.put(t, bound);
      }
    }
    String optimizer = r.text("optimizer");
    Optimizer opt;
    try {
      opt = optimizer == null ? Optimizer.ADAM : Optimizer.valueOf(optimizer.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw r.error("optimizer", optimizer, "is not an optimizer", "write ADAM, ADAMW, RMSPROP or SGD");
    }
    if (opt == Optimizer.NESTEROV) {
      throw r.error("optimizer", optimizer, "needs a momentum, which an encoder-decoder's training does not set",
          "write ADAM, ADAMW, RMSPROP or SGD");
    }
    return new Seq2SeqPlan(model, data, testData, epochs, r.integer("batchSize", 32, 1),
        r.number("learningRate", 0.003, 1e-12, 10), opt, r.number("clipNorm", 5, 0, Double.MAX_VALUE),
        r.integer("seed", 1, 0), r.number("validationSplit", 0.1, 0.01, 0.9), r.integer("patience", 0, 0),
        words(r, "sourceSymbols"), words(r, "targetSymbols"), r.integer("maxLength", 0, 1),
        r.integer("beam", 1, 1), gate, Boolean.parseBoolean(r.text("skip")));
  }

  /** Checks that the data files exist, so a wrong path fails before any model trains. */
  public void checkFiles(ProjectLayout layout) {
    check(layout, data, "<data>");
    if (testData != null) {
      check(layout, testData, "<testData>");
    }
  }

  private void check(ProjectLayout layout, Path file, String setting) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException("Model " + name() + ": data file " + layout.display(file) + " (setting " + setting
          + ") does not exist; point " + setting + " at a file of source<TAB>target lines");
    }
  }

  /** The settings that change what trains, by name, in a fixed order: part of the fingerprint and the report. */
  public Map<String, String> trainingSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("epochs", Integer.toString(epochs));
    s.put("batchSize", Integer.toString(batchSize));
    s.put("learningRate", Double.toString(learningRate));
    s.put("optimizer", optimizer.name());
    s.put("clipNorm", Double.toString(clipNorm));
    s.put("seed", Long.toString(seed));
    s.put("validationSplit", Double.toString(validationSplit));
    s.put("patience", Integer.toString(patience));
    s.put("sourceSymbols", sourceWords ? "words" : "characters");
    s.put("targetSymbols", targetWords ? "words" : "characters");
    s.put("maxLength", Integer.toString(maxLength));
    return s;
  }

  /** Whether a side is split into words ({@code words}) rather than characters (the default). */
  private static boolean words(SettingsReader r, String setting) {
    String text = r.text(setting);
    if (text == null || text.equals("characters")) {
      return false;
    }
    if (text.equals("words")) {
      return true;
    }
    throw r.error(setting, text, "is neither characters nor words", "write characters or words");
  }
}
