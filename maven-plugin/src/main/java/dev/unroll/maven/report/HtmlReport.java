package dev.unroll.maven.report;

import dev.unroll.dsl.Loss;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.evaluate.Baseline;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.train.Fingerprint;
import dev.unroll.maven.train.ProgressLog;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.training.train.EpochReport;
import dev.unroll.training.train.Metrics;
import dev.unroll.training.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page about one training run, {@code target/rnn-reports/<Model>.html}: the
 * architecture, the data, the figures of the kept epoch, the training and validation loss and the
 * validation metric per epoch drawn as SVG, the naive baselines of the task, the task's picture
 * (forecast against truth, confusion table or generated samples), a table of every epoch, the
 * settings as used and, once {@code rnn:evaluate} ran, its figures on the test data.
 */
public final class HtmlReport {
  static final String TRAIN_COLOR = "#1f77b4";
  static final String VALIDATION_COLOR = "#d62728";

  /**
   * What the report shows.
   *
   * @param plan the model's plan
   * @param dataSummary one line about the training data
   * @param result the training run
   * @param figures the kept epoch's figures (as saved in the card)
   * @param targetScale the single regression target's std, to draw MAE in the data's units; NaN
   * @param fingerprint the fingerprint saved with the weights
   * @param reason why the model was trained
   * @param time how long training took
   * @param baselines the naive predictors on the validation data
   * @param throughput per epoch number, the figure the console printed
   * @param throughputUnit its unit, {@code tokens/s} or {@code samples/s}
   * @param dataExtras what the data reader saved in the card (the resolved CSV columns, ...)
   * @param picture the task's picture on the validation data as an HTML fragment, or empty
   */
  public record Content(ModelPlan plan, String dataSummary, TrainingResult result, Map<String, Double> figures,
      double targetScale, Fingerprint fingerprint, String reason, Duration time, List<Baseline> baselines,
      Map<Integer, Double> throughput, String throughputUnit, Map<String, String> dataExtras, String picture) {}

  /** Where {@code rnn:evaluate} puts its section. */
  static final String EVALUATION_START = "<!-- rnn:evaluate -->";
  static final String EVALUATION_END = "<!-- /rnn:evaluate -->";

  private HtmlReport() {}

  /** Writes the report into {@code directory} and returns its file. */
  public static Path write(Path directory, ProjectLayout layout, Content c) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(c.plan().name() + ".html");
    Files.writeString(file, render(layout, c), StandardCharsets.UTF_8);
    return file;
  }

  /** The page's HTML. */
  static String render(ProjectLayout layout, Content c) {
    ModelPlan plan = c.plan();
    ModelSpec spec = plan.model().spec();
    TrainingSpec t = plan.training().spec();
    List<EpochReport> history = c.result().history();
    StringBuilder h = new StringBuilder();
    Html.openPage(h, plan.name(),
        "pre.sample{background:#f8f8f8;padding:0.5em;white-space:pre-wrap}\ntable.confusion td{min-width:2.5em}\n");
    h.append("<h1>").append(Html.escape(plan.name())).append("</h1>\n");
    h.append("<p><code>").append(Html.escape(plan.model().className())).append("</code>: ")
        .append(Html.escape(architecture(spec))).append("</p>\n");

    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Data", layout.display(plan.data().data()) + " (" + c.dataSummary() + ")");
    if (plan.data().testData() != null) {
      facts.put("Test data", layout.display(plan.data().testData()));
    }
    facts.put("Trained because", c.reason());
    facts.put("Epochs", history.size() + " of " + t.epochs() + (c.result().stoppedEarly() ? ", stopped early" : "")
        + (c.result().resumed() ? ", resumed from a checkpoint" : ""));
    facts.put("Kept epoch", Integer.toString(c.result().bestEpoch()));
    facts.put("Time", ProgressLog.clock(c.time()));
    facts.put("Fingerprint", c.fingerprint().value());
    facts.put("Plugin version", c.fingerprint().pluginVersion());
    Html.table(h, facts);

    h.append("<h2>Figures of the kept epoch (validation data)</h2>\n");
    boolean regression = spec.loss() == Loss.MSE;
    figures(h, c.figures(), c.baselines(), regression);
    if (!c.picture().isEmpty()) {
      h.append("<h2>").append(pictureTitle(spec)).append("</h2>\n").append(c.picture()).append('\n');
    }
    h.append(EVALUATION_START).append('\n').append(EVALUATION_END).append('\n');

    h.append("<h2>Curves</h2>\n");
    int n = history.size();
    double[] train = new double[n];
    double[] val = new double[n];
    double[] metric = new double[n];
    boolean classification = spec.loss().classTargets();
    for (int i = 0; i < n; i++) {
      EpochReport r = history.get(i);
      train[i] = r.trainLoss();
      Metrics v = r.validation();
      val[i] = v == null ? Double.NaN : v.loss();
      metric[i] = v == null ? Double.NaN : classification ? v.accuracy() : regression ? mae(v, c.targetScale())
          : Double.NaN;
    }
    h.append(SvgChart.render("Loss per epoch", regression ? "loss (MSE, normalised units)" : "loss (nats per symbol)",
        List.of(
        new SvgChart.Series("training", TRAIN_COLOR, train),
        new SvgChart.Series("validation", VALIDATION_COLOR, val)))).append('\n');
    if (classification || regression) {
      String label = classification ? "validation accuracy"
          : Double.isNaN(c.targetScale()) ? "validation MAE (normalised units)" : "validation MAE (data units)";
      h.append(SvgChart.render(capitalise(label) + " per epoch", classification ? "accuracy" : "MAE",
          List.of(new SvgChart.Series(label, VALIDATION_COLOR, metric)))).append('\n');
    }

    h.append("<h2>Epochs</h2>\n<table>\n<tr><th>epoch</th><th>training loss</th><th>validation loss</th><th>")
        .append(classification ? "validation accuracy" : Double.isNaN(c.targetScale()) ? "validation MAE (normalised)"
            : "validation MAE (data units)")
        .append("</th><th>learning rate</th><th>").append(Html.escape(c.throughputUnit()))
        .append("</th><th>kept</th></tr>\n");
    for (int i = 0; i < n; i++) {
      EpochReport r = history.get(i);
      h.append("<tr><td class=\"n\">").append(r.epoch()).append("</td>")
          .append(cell(train[i])).append(cell(val[i])).append(cell(metric[i]))
          .append(r.learningRate() > 0 ? cell(r.learningRate()) : "<td></td>")
          .append(c.throughput().containsKey(r.epoch()) ? "<td class=\"n\">" + String.format(Locale.ROOT, "%,.0f",
              c.throughput().get(r.epoch())) + "</td>" : "<td></td>")
          .append("<td>").append(r.epoch() == c.result().bestEpoch() ? "&#10003;" : "").append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (c.result().resumed()) {
      h.append("<p>Epochs before the checkpoint this run resumed from show only their training loss.</p>\n");
    }

    h.append("<h2>Settings (as used)</h2>\n");
    Html.table(h, settings(plan, c.dataExtras(), c.throughputUnit()));
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * The settings training used: unset CSV columns as the reader resolved them, zeros that switch
   * something off said in words, and only the settings the data's format reads.
   */
  static Map<String, String> settings(ModelPlan plan, Map<String, String> extras, String unit) {
    TrainingSpec t = plan.training().spec();
    Map<String, String> settings = new LinkedHashMap<>();
    for (TrainingSetting s : TrainingSetting.values()) {
      Object v = t.value(s);
      switch (s) {
        case DATA -> { } // listed with the data settings below
        case SEED -> settings.put(s.key(), v + " (initialisation, shuffling, dropout)");
        case TRUNCATED_BPTT -> {
          if (unit.startsWith("tokens")) {
            settings.put(s.key(), t.truncatedBptt() == 0 ? plan.model().spec().steps() + " (the model's steps)"
                : Integer.toString(t.truncatedBptt()));
          }
        }
        case VALIDATION_SPLIT -> settings.put(s.key(), Double.toString(t.validationSplit()));
        case PATIENCE -> settings.put(s.key(), t.patience() == 0 ? "0 (no early stopping)" : Integer.toString(t.patience()));
        case CLIP_NORM -> settings.put(s.key(), t.clipNorm() == 0 ? "0 (off)" : Figures.format(t.clipNorm()));
        default -> settings.put(s.key(), s.decimal() ? Figures.format((Double) v) : String.valueOf(v));
      }
      if (s == TrainingSetting.EPOCHS) {
        settings.put("threads", Integer.toString(plan.training().threads()));
      }
    }
    for (String line : plan.data().canonical().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (key.equals("columns") && value.equals("null")) {
          value = extras.getOrDefault(ModelCard.INPUT_COLUMNS, value) + " (from the header)";
        } else if (key.equals("targetColumns") && value.equals("null")) {
          value = extras.getOrDefault(ModelCard.TARGET_COLUMNS, value) + " (the input columns)";
        } else if (key.equals("columns") || key.equals("targetColumns")) {
          value = value.replaceAll("[\\[\\] ]", "");
        }
        settings.put(key, value);
      }
    }
    return settings;
  }

  /** The figures with their units, and the baselines next to the model's figure. */
  static void figures(StringBuilder h, Map<String, Double> figures, List<Baseline> baselines, boolean regression) {
    Map<String, String> rows = new LinkedHashMap<>();
    figures.forEach((k, v) -> rows.put(figureLabel(k, regression), Figures.format(v)));
    if (rows.isEmpty()) {
      h.append("<p>No figures.</p>\n");
      return;
    }
    Html.table(h, rows);
    List<Baseline> shown = baselines.stream().filter(b -> figures.containsKey(b.figure())).toList();
    if (shown.isEmpty()) {
      return;
    }
    h.append("<table class=\"baselines\">\n<tr><th>naive baseline</th><th>figure</th><th>baseline</th><th>model</th>"
        + "<th>improvement</th></tr>\n");
    for (Baseline b : shown) {
      double model = figures.get(b.figure());
      double gain = b.improvement(model);
      h.append("<tr><td>").append(Html.escape(b.name())).append("</td><td>")
          .append(Html.escape(figureLabel(b.figure(), regression))).append("</td>").append(cell(b.value()))
          .append(cell(model)).append("<td class=\"n\">").append(Double.isNaN(gain) ? ""
              : String.format(Locale.ROOT, "%+.1f%%%s", gain * 100, b.higherIsBetter() ? " of its errors" : ""))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** A figure's name with its unit: {@code mae} is {@code MAE (data units)}, a regression loss normalised. */
  static String figureLabel(String figure, boolean regression) {
    return switch (figure) {
      case "loss" -> regression ? "loss (MSE, normalised units)" : "loss (cross-entropy, nats per symbol)";
      case "train_loss" -> regression ? "training loss (MSE, normalised units)" : "training loss (nats per symbol)";
      case "mae" -> "MAE (data units)";
      case "rmse" -> "RMSE (data units)";
      case "bits_per_symbol" -> "bits per symbol";
      default -> figure.replace('_', ' ');
    };
  }

  private static String pictureTitle(ModelSpec spec) {
    if (spec.loss() == Loss.MSE) {
      return "Forecast against truth";
    }
    return TaskPicture.generates(spec) ? "Generated samples" : "Confusion";
  }

  /**
   * Puts {@code rnn:evaluate}'s section (figures on the test data) into the training report in
   * {@code directory}, replacing an earlier one; returns the report, or {@code null} when the
   * model has none (it was trained before reports existed, or elsewhere).
   */
  public static Path addEvaluation(Path directory, String model, String source, Map<String, Double> figures,
      List<Baseline> baselines, boolean regression, String picture) throws IOException {
    Path file = directory.resolve(model + ".html");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String page = Files.readString(file, StandardCharsets.UTF_8);
    int start = page.indexOf(EVALUATION_START);
    int end = page.indexOf(EVALUATION_END);
    if (start < 0 || end < start) {
      return null;
    }
    StringBuilder h = new StringBuilder(EVALUATION_START).append('\n');
    h.append("<h2>Evaluation (rnn:evaluate)</h2>\n<p>On ").append(Html.escape(source)).append("</p>\n");
    figures(h, figures, baselines, regression);
    h.append(picture);
    Files.writeString(file, page.substring(0, start) + h + page.substring(end), StandardCharsets.UTF_8);
    return file;
  }

  private static double mae(Metrics v, double scale) {
    return Double.isNaN(scale) ? v.mae() : v.mae() * scale;
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? "<td></td>" : "<td class=\"n\">" + Figures.format(v) + "</td>";
  }

  /** {@code ONE_HOT 41 -> LSTM 64 -> SOFTMAX 41 (MANY_TO_MANY, CROSS_ENTROPY, T = 32)}. */
  static String architecture(ModelSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add(spec.input().kind() + " " + spec.input().size());
    for (LayerSpec l : spec.layers()) {
      parts.add((l.bidirectional() ? "bidirectional " : "") + l.cell() + " " + l.units());
    }
    parts.add(spec.head().activation() + " " + spec.head().size());
    return String.join(" -> ", parts) + " (" + spec.head().mode() + ", " + spec.loss() + ", T = " + spec.steps() + ")";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
