package dev.unroll.maven.report;

import dev.unroll.maven.train.ProgressLog;
import dev.unroll.runtime.infer.Seq2SeqArtifacts;
import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.training.data.ParallelText;
import dev.unroll.training.train.Seq2SeqTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training report of an encoder-decoder, {@code target/rnn-reports/<Model>.html}: the kept
 * epoch's figures on the validation pairs, a few validation pairs decoded greedily with their
 * attention heat maps ({@link AttentionHeatMap}), the curves, every epoch and the settings.
 * {@code rnn:evaluate} adds its section as for the other models ({@link HtmlReport#addEvaluation}).
 */
public final class Seq2SeqReport {
  private Seq2SeqReport() {}

  /**
   * One decoded validation pair.
   *
   * @param reference the target as the data gives it
   * @param translation what the model decoded
   */
  public record Example(String reference, TrainedTranslator.Translation translation, boolean words) {}

  /** What the page shows. */
  public record Content(String name, String className, String data, String reason,
      List<Seq2SeqTrainer.EpochReport> history, int keptEpoch, Map<String, Double> figures, Duration time,
      Map<String, String> settings, List<Example> examples) {}

  /** The first {@code n} validation pairs decoded greedily, with their attention. */
  public static List<Example> examples(TrainedTranslator translator, ParallelText validation, int n) {
    List<Example> out = new ArrayList<>();
    boolean sourceWords = Seq2SeqArtifacts.WORDS.equals(translator.card().extras().get(Seq2SeqArtifacts.SOURCE_SYMBOLS));
    boolean words = translator.targetWords();
    for (int i = 0; i < Math.min(n, validation.size()); i++) {
      String source = String.join(sourceWords ? " " : "", validation.source(i));
      out.add(new Example(String.join(words ? " " : "", validation.target(i)), translator.translate(source), words));
    }
    return out;
  }

  /** Writes the page into {@code directory} and returns its file. */
  public static Path write(Path directory, Content c) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(c.name() + ".html");
    Files.writeString(file, render(c), StandardCharsets.UTF_8);
    return file;
  }

  static String render(Content c) {
    StringBuilder h = new StringBuilder();
    Html.openPage(h, c.name(), "");
    h.append("<h1>").append(Html.escape(c.name())).append("</h1>\n<p><code>").append(Html.escape(c.className()))
        .append("</code>: encoder-decoder</p>\n");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Data", c.data());
    facts.put("Trained because", c.reason());
    facts.put("Epochs", c.history().size() + " of " + c.settings().get("epochs"));
    facts.put("Kept epoch", c.keptEpoch() + " (lowest validation error rate)");
    facts.put("Time", ProgressLog.clock(c.time()));
    Html.table(h, facts);

    h.append("<h2>Figures of the kept epoch (validation pairs, greedy decoding)</h2>\n");
    HtmlReport.figures(h, c.figures(), List.of(), false);
    h.append("<h2>Attention on validation pairs</h2>\n<p>Rows: the symbols the decoder wrote (greedy);"
        + " columns: the source symbols; a cell's darkness is the weight of that source symbol when the row's symbol"
        + " was written.</p>\n");
    for (Example e : c.examples()) {
      TrainedTranslator.Translation t = e.translation();
      List<String> rows = new ArrayList<>(t.symbols());
      if (t.ended()) {
        rows.add(Seq2SeqArtifacts.END);
      }
      h.append("<p><code>").append(Html.escape(String.join("", t.source()))).append("</code> &#8594; <code>")
          .append(Html.escape(t.text(e.words()))).append("</code> (reference <code>").append(Html.escape(e.reference()))
          .append("</code>)</p>\n");
      boolean attends = t.attention().length > 0 && t.attention()[0].length > 0;
      h.append(attends ? AttentionHeatMap.render("attention of " + String.join("", t.source()), t.source(), rows,
          t.attention()) : "<p>(no attention: the model declares attention NONE)</p>").append('\n');
    }
    h.append(HtmlReport.EVALUATION_START).append('\n').append(HtmlReport.EVALUATION_END).append('\n');

    int n = c.history().size();
    double[] loss = new double[n];
    double[] error = new double[n];
    double[] sequence = new double[n];
    for (int i = 0; i < n; i++) {
      Seq2SeqTrainer.EpochReport r = c.history().get(i);
      loss[i] = r.trainingLoss();
      error[i] = r.errorRate();
      sequence[i] = r.sequenceAccuracy();
    }
    h.append("<h2>Curves</h2>\n").append(SvgChart.render("Training loss per epoch", "loss (nats per symbol)",
        List.of(new SvgChart.Series("training", HtmlReport.TRAIN_COLOR, loss)))).append('\n');
    h.append(SvgChart.render("Validation error rate and sequence accuracy per epoch", "rate", List.of(
        new SvgChart.Series("error rate (edit distance)", HtmlReport.VALIDATION_COLOR, error),
        new SvgChart.Series("sequence accuracy", HtmlReport.TRAIN_COLOR, sequence)))).append('\n');
    h.append("<h2>Epochs</h2>\n<table>\n<tr><th>epoch</th><th>training loss</th><th>token accuracy</th>"
        + "<th>sequence accuracy</th><th>error rate</th><th>kept</th></tr>\n");
    for (Seq2SeqTrainer.EpochReport r : c.history()) {
      h.append("<tr><td class=\"n\">").append(r.epoch()).append("</td>").append(cell(r.trainingLoss()))
          .append(cell(r.tokenAccuracy())).append(cell(r.sequenceAccuracy())).append(cell(r.errorRate()))
          .append("<td>").append(r.epoch() == c.keptEpoch() ? "&#10003;" : "").append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Settings (as used)</h2>\n");
    Html.table(h, c.settings());
    return h.append("</body>\n</html>\n").toString();
  }

  private static String cell(double v) {
    return "<td class=\"n\">" + dev.unroll.maven.evaluate.Figures.format(v) + "</td>";
  }
}
