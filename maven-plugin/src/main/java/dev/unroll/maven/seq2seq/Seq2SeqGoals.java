package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ModelIndex;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.report.HtmlReport;
import dev.unroll.runtime.infer.Seq2SeqArtifacts;
import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.runtime.seq2seq.SequenceMetrics;
import dev.unroll.training.data.ParallelText;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code rnn:train} and {@code rnn:evaluate} for the project's encoder-decoders, beside its
 * recurrent models: {@link #split} takes the {@code <model>} elements and {@code -Drnn.models}
 * names that are theirs, and leaves the rest to the recurrent models' goals.
 */
public final class Seq2SeqGoals {
  private Seq2SeqGoals() {}

  /**
   * The project's encoder-decoders and what the configuration says of them.
   *
   * @param selected the encoder-decoders to work on, with their {@code <model>} (or an empty one)
   * @param otherSettings the {@code <model>} elements of the other models
   * @param otherOverrides the overrides with {@code -Drnn.models} reduced to the other models
   * @param othersSelected whether any other model is to be worked on ({@code -Drnn.models} may
   *     name encoder-decoders only)
   * @param any whether the project declares encoder-decoders at all
   */
  public record Split(Map<EncoderDecoderModels.Model, ModelSettings> selected, List<ModelSettings> otherSettings,
      Overrides otherOverrides, boolean othersSelected, boolean any) {}

  /** Splits the configuration between the encoder-decoders of the class output's index and the other models. */
  public static Split split(ProjectLayout layout, List<ModelSettings> pom, Overrides overrides) throws IOException {
    List<String> names = ModelIndex.read(layout.classesDirectory(), EncoderDecoderModels.INDEX);
    if (names.isEmpty()) {
      return new Split(Map.of(), pom, overrides, true, false);
    }
    List<EncoderDecoderModels.Model> models;
    try (URLClassLoader loader = ProjectClassLoader.create(layout)) {
      models = EncoderDecoderModels.loadAll(loader, names);
    }
    Map<EncoderDecoderModels.Model, ModelSettings> settings = new LinkedHashMap<>();
    List<ModelSettings> others = new ArrayList<>();
    for (ModelSettings s : pom) {
      EncoderDecoderModels.Model m = s.get("name") == null ? null : EncoderDecoderModels.find(models, s.get("name"));
      if (m == null) {
        others.add(s);
      } else if (settings.put(m, s) != null) {
        throw new ConfigurationException("Model " + m.simpleName() + " is configured by two <model> elements; merge"
            + " them into one");
      }
    }
    Map<EncoderDecoderModels.Model, ModelSettings> selected = new LinkedHashMap<>();
    List<String> otherNames = new ArrayList<>();
    if (overrides.models().isEmpty()) {
      models.forEach(m -> selected.put(m, settings.getOrDefault(m, new ModelSettings())));
    } else {
      for (String n : overrides.models()) {
        EncoderDecoderModels.Model m = EncoderDecoderModels.find(models, n);
        if (m == null) {
          otherNames.add(n);
        } else {
          selected.put(m, settings.getOrDefault(m, new ModelSettings()));
        }
      }
    }
    boolean othersSelected = overrides.models().isEmpty() || !otherNames.isEmpty();
    Overrides rest = new Overrides(overrides.epochs(), overrides.threads(), otherNames, overrides.force(),
        overrides.settings());
    return new Split(selected, others, rest, othersSelected, true);
  }

  /** Trains every planned encoder-decoder ({@link #plans}). */
  public static List<Seq2SeqTraining.Outcome> train(List<Seq2SeqPlan> plans, ProjectLayout layout, Overrides overrides,
      GoalLog log) throws IOException {
    Seq2SeqTraining job = new Seq2SeqTraining(layout, log, overrides.force());
    List<Seq2SeqTraining.Outcome> outcomes = new ArrayList<>();
    for (Seq2SeqPlan plan : plans) {
      outcomes.add(job.run(plan));
    }
    return outcomes;
  }

  /** The plans of the selected encoder-decoders, every setting and data file checked. */
  public static List<Seq2SeqPlan> plans(Split split, ProjectLayout layout, Overrides overrides) {
    List<Seq2SeqPlan> plans = new ArrayList<>();
    split.selected().forEach((m, s) -> plans.add(Seq2SeqPlan.resolve(m, s, overrides, layout)));
    plans.stream().filter(p -> !p.skipped()).forEach(p -> p.checkFiles(layout));
    return plans;
  }

  /**
   * Evaluates every selected encoder-decoder with {@code <testData>} or a threshold: decodes the
   * test pairs (beam width {@code <beam>}) or takes the validation figures from the card, and
   * returns the thresholds missed, one line each.
   */
  public static List<String> evaluate(Split split, ProjectLayout layout, Overrides overrides, GoalLog log)
      throws IOException {
    List<String> violations = new ArrayList<>();
    for (Seq2SeqPlan plan : plans(split, layout, overrides)) {
      if (plan.skipped() || plan.testData() == null && plan.gate().isEmpty()) {
        continue;
      }
      TrainedTranslator translator;
      try {
        translator = TrainedTranslator.load(plan.model().create(plan.seed()),
            layout.packageDirectory(plan.model().packageName()));
      } catch (IllegalStateException e) {
        throw new ConfigurationException("Model " + plan.name() + ": " + e.getMessage(), e);
      }
      Map<String, Double> figures;
      String source;
      if (plan.testData() != null) {
        ParallelText test = Seq2SeqData.pairs(plan, plan.testData(), layout, "<testData>");
        figures = measure(translator, test, plan.beam());
        source = "test data " + layout.display(plan.testData()) + " (" + String.format(Locale.ROOT, "%,d", test.size())
            + " pairs, " + (plan.beam() == 1 ? "greedy decoding" : "beam " + plan.beam()) + ")";
      } else {
        figures = new LinkedHashMap<>(translator.card().metrics());
        figures.remove("train_loss");
        source = "the validation figures in the model card";
      }
      log.info(plan.name() + ": " + source + ": " + Figures.describe(figures));
      HtmlReport.addEvaluation(layout.reportDirectory(), plan.name(), source, figures, List.of(), false, "");
      violations.addAll(violations(plan, figures));
    }
    return violations;
  }

  /** Token accuracy, exact-sequence accuracy and edit-distance error rate of decoding every pair. */
  public static Map<String, Double> measure(TrainedTranslator translator, ParallelText pairs, int beam) {
    SequenceMetrics metrics = new SequenceMetrics();
    var target = translator.targetVocabulary();
    String join = Seq2SeqArtifacts.WORDS.equals(translator.card().extras().get(Seq2SeqArtifacts.SOURCE_SYMBOLS)) ? " "
        : "";
    for (int i = 0; i < pairs.size(); i++) {
      TrainedTranslator.Translation t = translator.translate(String.join(join, pairs.source(i)), beam,
          beam == 1 ? 0 : 1.0, 0);
      metrics.add(target.indices(t.symbols()), target.indices(pairs.target(i)));
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("token_accuracy", metrics.tokenAccuracy());
    f.put("sequence_accuracy", metrics.sequenceAccuracy());
    f.put("error_rate", metrics.errorRate());
    return f;
  }

  /** The thresholds of {@code plan} that {@code figures} miss, one line each. */
  static List<String> violations(Seq2SeqPlan plan, Map<String, Double> figures) {
    List<String> out = new ArrayList<>();
    plan.gate().forEach((setting, bound) -> {
      String figure = switch (setting) {
        case "minAccuracy" -> "token_accuracy";
        case "minSequenceAccuracy" -> "sequence_accuracy";
        default -> "error_rate";
      };
      Double value = figures.get(figure);
      boolean minimum = setting.startsWith("min");
      if (value == null || Double.isNaN(value) || (minimum ? value < bound : value > bound)) {
        out.add("Model " + plan.name() + ": " + figure.replace('_', ' ') + " " + (value == null ? "missing"
            : Figures.format(value)) + " is " + (minimum ? "below " : "above ") + setting + " " + Figures.format(bound));
      }
    });
    return out;
  }

  /** Throws the gate's failure listing every line of {@code violations}, if there is one. */
  public static void enforce(List<String> violations) throws QualityGateException {
    if (!violations.isEmpty()) {
      throw new QualityGateException(violations);
    }
  }
}
