package dev.unroll.maven;

import dev.unroll.model.LayerSpec;
import dev.unroll.dsl.Loss;
import dev.unroll.model.ModelSpec;
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
 * validation metric per epoch drawn as SVG, a table of every epoch and the settings used.
 */
public final class HtmlReport {
  private static final String TRAIN_COLOR = "#1f77b4";
  private static final String VALIDATION_COLOR = "#d62728";

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
   */
  public record Content(ModelPlan plan, String dataSummary, TrainingResult result, Map<String, Double> figures,
      double targetScale, Fingerprint fingerprint, String reason, Duration time) {}

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
    TrainingSettings t = plan.training();
    List<EpochReport> history = c.result().history();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(plan.name())).append(" training report</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
        .append("th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("code{background:#f4f4f4;padding:0 0.2em}\n")
        .append("</style>\n</head>\n<body>\n");
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
    table(h, facts);

    h.append("<h2>Figures of the kept epoch</h2>\n");
    Map<String, String> figures = new LinkedHashMap<>();
    c.figures().forEach((k, v) -> figures.put(k.replace('_', ' '), Figures.format(v)));
    if (figures.isEmpty()) {
      h.append("<p>No figures.</p>\n");
    } else {
      table(h, figures);
    }

    h.append("<h2>Curves</h2>\n");
    int n = history.size();
    double[] train = new double[n];
    double[] val = new double[n];
    double[] metric = new double[n];
    boolean classification = spec.loss().classTargets();
    boolean regression = spec.loss() == Loss.MSE;
    for (int i = 0; i < n; i++) {
      EpochReport r = history.get(i);
      train[i] = r.trainLoss();
      Metrics v = r.validation();
      val[i] = v == null ? Double.NaN : v.loss();
      metric[i] = v == null ? Double.NaN : classification ? v.accuracy() : regression ? mae(v, c.targetScale())
          : Double.NaN;
    }
    h.append(SvgChart.render("Loss per epoch", "loss", List.of(
        new SvgChart.Series("training", TRAIN_COLOR, train),
        new SvgChart.Series("validation", VALIDATION_COLOR, val)))).append('\n');
    if (classification || regression) {
      String label = classification ? "validation accuracy"
          : Double.isNaN(c.targetScale()) ? "validation MAE (normalised)" : "validation MAE";
      h.append(SvgChart.render(capitalise(label) + " per epoch", classification ? "accuracy" : "MAE",
          List.of(new SvgChart.Series(label, VALIDATION_COLOR, metric)))).append('\n');
    }

    h.append("<h2>Epochs</h2>\n<table>\n<tr><th>epoch</th><th>training loss</th><th>validation loss</th><th>")
        .append(classification ? "validation accuracy" : "validation MAE")
        .append("</th><th>learning rate</th><th>tokens/s</th><th>kept</th></tr>\n");
    for (int i = 0; i < n; i++) {
      EpochReport r = history.get(i);
      h.append("<tr><td class=\"n\">").append(r.epoch()).append("</td>")
          .append(cell(train[i])).append(cell(val[i])).append(cell(metric[i]))
          .append(r.learningRate() > 0 ? cell(r.learningRate()) : "<td></td>")
          .append(r.tokensPerSecond() > 0 ? "<td class=\"n\">" + String.format(Locale.ROOT, "%,.0f",
              r.tokensPerSecond()) + "</td>" : "<td></td>")
          .append("<td>").append(r.epoch() == c.result().bestEpoch() ? "&#10003;" : "").append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (c.result().resumed()) {
      h.append("<p>Epochs before the checkpoint this run resumed from show only their training loss.</p>\n");
    }

    h.append("<h2>Settings</h2>\n");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("optimizer", t.optimizer().toString());
    settings.put("learningRate", Figures.format(t.learningRate()));
    settings.put("batchSize", Integer.toString(t.batchSize()));
    settings.put("epochs", Integer.toString(t.epochs()));
    settings.put("threads", Integer.toString(t.threads()));
    settings.put("seed", Long.toString(t.seed()));
    settings.put("truncatedBptt", Integer.toString(t.truncatedBptt()));
    settings.put("validationSplit", Double.toString(t.validationSplit()));
    settings.put("patience", Integer.toString(t.patience()));
    settings.put("clipNorm", Double.toString(t.clipNorm()));
    for (String line : plan.data().canonical().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        settings.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    table(h, settings);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static double mae(Metrics v, double scale) {
    return Double.isNaN(scale) ? v.mae() : v.mae() * scale;
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? "<td></td>" : "<td class=\"n\">" + Figures.format(v) + "</td>";
  }

  private static void table(StringBuilder h, Map<String, String> rows) {
    h.append("<table>\n");
    rows.forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td>").append(Html.escape(v))
        .append("</td></tr>\n"));
    h.append("</table>\n");
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
