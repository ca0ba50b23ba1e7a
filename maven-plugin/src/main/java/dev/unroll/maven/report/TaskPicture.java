package dev.unroll.maven.report;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.data.TrainingData;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture a report shows for a model's task, as an HTML fragment: predictions against the
 * truth for a forecaster, a confusion table for a classifier or tagger, generated samples for a
 * text model.
 */
public final class TaskPicture {
  /** At most this many classes get a row and column of the confusion table: the most frequent. */
  static final int MAX_CLASSES = 25;
  private static final String TRUTH_COLOR = "#333333";
  private static final String PREDICTION_COLOR = "#d62728";

  private TaskPicture() {}

  /**
   * The picture on the validation data: forecast against truth for a series, samples for a text
   * model that generates, a confusion table for classes; empty without validation data.
   */
  public static String onValidation(TrainedModel model, TrainingData data, double validationSplit, long seed) {
    ModelSpec spec = model.spec();
    if (data.rawValidation() != null) {
      String targets = data.extras().getOrDefault(ModelCard.TARGET_COLUMNS, "target");
      return forecast(model, data.rawValidation(), targets.split(",")[0], "validation");
    }
    if (data.stream() != null) {
      return generates(spec) ? samples(model, seed, 3, 200) : "";
    }
    SequenceDataset[] parts = data.sequenceParts(validationSplit, seed);
    return parts == null || data.labels() == null ? "" : confusion(model, parts[1], data.labels(), "validation");
  }

  /** Whether the model predicts its next input symbol, so that it can generate. */
  static boolean generates(ModelSpec spec) {
    return spec.input().kind().symbolic() && spec.head().size() == spec.input().size()
        && spec.head().mode() == HeadMode.MANY_TO_MANY && !spec.bidirectional();
  }

  /**
   * The first target column, true and predicted (in the data's units), over the windows in order:
   * a line chart with the window index along x.
   *
   * @param raw unnormalised windows
   * @param target the first target column's name
   * @param period {@code validation} or {@code test}, for the title
   */
  public static String forecast(TrainedModel model, SequenceDataset raw, String target, String period) {
    List<float[][]> inputs = raw.featureSteps();
    float[][] predicted = inputs.isEmpty() ? new float[0][] : model.predictBatchFeatures(inputs);
    int outputs = raw.outputs();
    double[] truth = new double[raw.size()];
    double[] forecast = new double[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      Example e = raw.examples().get(i);
      // Many-to-many windows: the last step's target, the one furthest ahead.
      int at = raw.perStepTargets() ? (e.length() - 1) * outputs : 0;
      truth[i] = e.valueTargets()[at];
      forecast[i] = predicted[i][at];
    }
    return SvgChart.render(capitalise(target) + ": forecast against truth over the " + period + " windows",
        period + " window", target + " (data units)", List.of(new SvgChart.Series("truth", TRUTH_COLOR, truth),
            new SvgChart.Series("forecast", PREDICTION_COLOR, forecast)));
  }

  /**
   * A confusion table of true classes (rows) against predicted ones (columns), counts per cell,
   * the diagonal in bold.
   *
   * @param labels the class names
   */
  public static String confusion(TrainedModel model, SequenceDataset evaluated, Vocabulary labels, String period) {
    int classes = labels.size();
    long[][] counts = new long[classes][classes];
    List<int[]> inputs = new ArrayList<>(evaluated.size());
    for (Example e : evaluated.examples()) {
      inputs.add(e.symbols());
    }
    float[][] outputs = inputs.isEmpty() ? new float[0][] : model.predictBatch(inputs);
    long[] frequency = new long[classes];
    for (int i = 0; i < evaluated.size(); i++) {
      Example e = evaluated.examples().get(i);
      int steps = evaluated.perStepTargets() ? e.length() : 1;
      for (int s = 0; s < steps; s++) {
        int truth = e.classTargets()[s];
        if (truth < 0 || truth >= classes) {
          continue;
        }
        int predicted = Sampler.argmax(outputs[i], s * classes, classes);
        counts[truth][predicted]++;
        frequency[truth]++;
      }
    }
    List<Integer> shown = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      shown.add(c);
    }
    shown.sort((a, b) -> Long.compare(frequency[b], frequency[a]));
    boolean cut = shown.size() > MAX_CLASSES;
    if (cut) {
      shown = new ArrayList<>(shown.subList(0, MAX_CLASSES));
    }
    StringBuilder h = new StringBuilder();
    h.append("<table class=\"confusion\">\n<caption>Confusion on the ").append(Html.escape(period))
        .append(" data: true (rows) against predicted (columns)").append(cut ? ", the " + MAX_CLASSES
            + " most frequent classes" : "").append("</caption>\n<tr><th>true \\ predicted</th>");
    for (int c : shown) {
      h.append("<th>").append(Html.escape(labels.symbol(c))).append("</th>");
    }
    h.append("</tr>\n");
    for (int r : shown) {
      h.append("<tr><th>").append(Html.escape(labels.symbol(r))).append("</th>");
      for (int c : shown) {
        String n = Long.toString(counts[r][c]);
        h.append("<td class=\"n\">").append(r == c ? "<b>" + n + "</b>" : n).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</table>\n").toString();
  }

  /** A few texts the model generates from nothing, each with its own seed. */
  public static String samples(TrainedModel model, long seed, int count, int length) {
    StringBuilder h = new StringBuilder("<p>Generated at temperature 0.8, seeds ").append(seed).append(" to ")
        .append(seed + count - 1).append(":</p>\n");
    for (int i = 0; i < count; i++) {
      String text = model.generate("", length, 0.8, 0, seed + i);
      h.append("<pre class=\"sample\">").append(Html.escape(text)).append("</pre>\n");
    }
    return h.toString();
  }


  private static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
