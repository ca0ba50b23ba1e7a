package dev.unroll.maven.evaluate;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelConfiguration;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.data.DataLoading;
import dev.unroll.maven.data.Labels;
import dev.unroll.maven.data.TestData;
import dev.unroll.maven.data.TrainingData;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.maven.project.ModelIndex;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.project.TrainedModels;
import dev.unroll.maven.report.HtmlReport;
import dev.unroll.maven.report.TaskPicture;
import dev.unroll.maven.seq2seq.Seq2SeqGoals;
import dev.unroll.maven.train.Fingerprint;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.train.Metrics;
import dev.unroll.training.train.Trainer;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code rnn:evaluate} does: for every model with {@code <testData>} or a threshold, loads
 * its trained artifacts from the class output, measures it on the test data (read with the saved
 * vocabulary and normalisation) or, without test data, takes the validation figures from its
 * card, logs the figures, and fails listing every threshold missed.
 */
public final class EvaluationRun {

  /**
   * Everything the goal needs.
   *
   * @param layout the project's directories and classpath
   * @param models the POM's {@code <models>}
   * @param overrides the {@code -Drnn.*} properties ({@code rnn.models} selects models)
   */
  public record Request(ProjectLayout layout, List<ModelSettings> models, Overrides overrides) {
    public Request {
      models = List.copyOf(models);
    }
  }

  /**
   * One model's evaluation.
   *
   * @param model the model's name
   * @param source what was measured, e.g. {@code test data src/test/data/x.csv (csv, 40 rows)}
   * @param figures the figures, MAE and RMSE in the data's units
   * @param violations the thresholds missed, one line each
   */
  public record Evaluation(String model, String source, Map<String, Double> figures, List<String> violations) {}

  private EvaluationRun() {}

  /**
   * Runs the goal.
   *
   * @throws QualityGateException listing every threshold missed, after all models are evaluated
   * @throws ConfigurationException for a missing test file, missing or stale weights, or bad settings
   */
  public static List<Evaluation> run(Request request, GoalLog log) throws IOException, QualityGateException {
    ProjectLayout layout = request.layout();
    Seq2SeqGoals.Split split = Seq2SeqGoals.split(layout, request.models(), request.overrides());
    List<String> seq2seqViolations = Seq2SeqGoals.evaluate(split, layout, request.overrides(), log);
    List<Evaluation> evaluations = split.othersSelected() ? evaluateRecurrent(new Request(layout,
        split.otherSettings(), split.otherOverrides()), log, split.any(), seq2seqViolations) : List.of();
    Seq2SeqGoals.enforce(seq2seqViolations);
    return evaluations;
  }

  /** The recurrent models' evaluation; the encoder-decoders' gate failures join theirs in one exception. */
  private static List<Evaluation> evaluateRecurrent(Request request, GoalLog log, boolean encoderDecoders,
      List<String> seq2seqViolations) throws IOException, QualityGateException {
    ProjectLayout layout = request.layout();
    List<String> names = ModelIndex.read(layout.classesDirectory(), ModelDiscovery.INDEX);
    if (names.isEmpty() && encoderDecoders) {
      return List.of();
    }
    List<Evaluation> evaluations = new ArrayList<>();
    try (URLClassLoader loader = ProjectClassLoader.create(layout)) {
      List<DiscoveredModel> models = ModelDiscovery.loadAll(loader, names);
      List<ModelPlan> plans = new ArrayList<>();
      for (ModelPlan plan : ModelConfiguration.resolve(models, request.models(), request.overrides(), layout)) {
        if (!plan.skipped() && (plan.data().testData() != null || !plan.gate().isEmpty())) {
          if (plan.data().testData() != null) {
            DataLoading.checkTestData(plan, layout);
          }
          plans.add(plan);
        }
      }
      if (plans.isEmpty()) {
        if (!encoderDecoders) {
          log.info("No models to evaluate: none has <testData> or a quality-gate threshold");
        }
        return List.of();
      }
      List<String> violations = new ArrayList<>(seq2seqViolations);
      for (ModelPlan plan : plans) {
        Evaluation e = evaluate(plan, layout, log);
        evaluations.add(e);
        violations.addAll(e.violations());
      }
      if (!violations.isEmpty()) {
        throw new QualityGateException(violations);
      }
    }
    return evaluations;
  }

  private static Evaluation evaluate(ModelPlan plan, ProjectLayout layout, GoalLog log) throws IOException {
    String name = plan.name();
    TrainedModel model = TrainedModels.fromClassOutput(plan.model(), layout);
    warnIfStale(plan, model, layout, log);
    Map<String, Double> figures;
    String source;
    String baselines;
    if (plan.data().testData() != null) {
      TestData test = DataLoading.forTest(plan, model, layout);
      Trainer trainer = new Trainer(model.network(), plan.training().toConfig(model.spec()));
      Metrics metrics;
      try {
        metrics = test.evaluate(trainer);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("Model " + name + ": test data file " + layout.display(plan.data().testData())
            + " (setting <testData>): " + e.getMessage() + "; add test data or lower <batchSize>", e);
      }
      double[] errors = test.raw() == null ? null : RegressionErrors.of(model, test.raw());
      figures = Figures.of(metrics, errors);
      source = "test data " + layout.display(plan.data().testData()) + " (" + test.summary() + ")";
      List<Baseline> naive = TaskBaselines.onTest(trainingDataOrNull(plan, layout), test, model.card().extras());
      baselines = TaskBaselines.describe(naive, figures);
      Path report = HtmlReport.addEvaluation(layout.reportDirectory(), name, source, figures, naive,
          !model.spec().loss().classTargets(), testPicture(model, test));
      if (report != null) {
        log.info(name + ": test figures added to the report " + report.toUri());
      }
    } else {
      figures = new LinkedHashMap<>(model.card().metrics());
      figures.remove("train_loss");
      if (!figures.containsKey("loss")) {
        throw new ConfigurationException("Model " + name + ": its quality gate needs figures, but it has no <testData>"
            + " and its model card has no validation figures (validationSplit 0); add <testData>");
      }
      source = "validation data (its model card; no <testData>)";
      baselines = model.card().extras().getOrDefault(TaskBaselines.EXTRA, "");
    }
    log.info("Model " + name + " on " + source + ": " + Figures.describe(figures));
    if (!baselines.isEmpty()) {
      log.info("Model " + name + " against the baselines: " + baselines);
    }
    List<String> violations = plan.gate().violations(name, figures);
    if (!plan.gate().isEmpty() && violations.isEmpty()) {
      List<String> passed = new ArrayList<>();
      plan.gate().thresholds().forEach((t, v) -> passed.add(t.setting() + " " + Figures.format(v)));
      log.info("Model " + name + " passes its quality gate (" + String.join(", ", passed) + ")");
    }
    violations.forEach(log::error);
    return new Evaluation(name, source, figures, violations);
  }

  /** Forecast against truth or a confusion table on the test data; empty for text. */
  private static String testPicture(TrainedModel model, TestData test) {
    if (test.raw() != null) {
      String targets = model.card().extras().getOrDefault(ModelCard.TARGET_COLUMNS, "target");
      return TaskPicture.forecast(model, test.raw(), targets.split(",")[0], "test");
    }
    Vocabulary labels = Labels.orNull(model);
    return test.sequences() == null || labels == null ? "" : TaskPicture.confusion(model, test.sequences(), labels,
        "test");
  }

  /**
   * The training data the baselines learn from, or {@code null} when it cannot be read (the test
   * figures do not depend on it, so its problems are rnn:train's to report).
   */
  private static TrainingData trainingDataOrNull(ModelPlan plan, ProjectLayout layout) {
    if (plan.data().data() == null || !Files.isRegularFile(plan.data().data())) {
      return null;
    }
    try {
      return DataLoading.forTraining(plan, layout);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Evaluating stale weights is allowed (they are what would ship), but the user should know. */
  private static void warnIfStale(ModelPlan plan, TrainedModel model, ProjectLayout layout, GoalLog log) {
    if (plan.data().data() == null || !Files.isRegularFile(plan.data().data())) {
      return;
    }
    try {
      Fingerprint now = Fingerprint.of(plan, layout.pluginVersion());
      String changes = now.changesSince(Fingerprint.fromExtras(model.card().extras()));
      if (changes != null) {
        log.warn("Model " + plan.name() + ": the trained weights are out of date (" + changes
            + "); evaluating them anyway; run rnn:train to retrain");
      }
    } catch (IOException e) {
      log.debug("cannot fingerprint " + plan.name() + ": " + e);
    }
  }
}
