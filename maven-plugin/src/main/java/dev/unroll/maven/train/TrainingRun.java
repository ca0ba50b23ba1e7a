package dev.unroll.maven.train;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelConfiguration;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.data.DataLoading;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.maven.project.ModelIndex;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.report.SummaryTable;
import dev.unroll.maven.seq2seq.Seq2SeqGoals;
import dev.unroll.maven.seq2seq.Seq2SeqPlan;
import dev.unroll.maven.seq2seq.Seq2SeqTraining;
import dev.unroll.training.train.TrainingListener;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code rnn:train} does: finds the project's models through the model index in its class
 * output, resolves and checks every model's configuration (so a mistake fails before any training
 * starts), trains each model that is not up to date, and logs a summary table.
 */
public final class TrainingRun {

  /**
   * Everything the goal needs.
   *
   * @param layout the project's directories and classpath
   * @param models the POM's {@code <models>} (may be empty)
   * @param overrides the {@code -Drnn.*} properties
   * @param checkpointEvery also checkpoint every this many steps (0: after each epoch only)
   */
  public record Request(ProjectLayout layout, List<ModelSettings> models, Overrides overrides, int checkpointEvery) {
    public Request {
      models = List.copyOf(models);
    }
  }

  private TrainingRun() {}

  /** Runs the goal; see the class description. */
  public static List<TrainingOutcome> run(Request request, GoalLog log) throws IOException {
    return run(request, log, List.of());
  }

  /**
   * Runs the goal with extra training listeners.
   *
   * @throws ConfigurationException for a mistake in the configuration or the data; models trained
   *     before it keep their new outputs, the failing one its old ones
   */
  public static List<TrainingOutcome> run(Request request, GoalLog log, List<TrainingListener> listeners)
      throws IOException {
    ProjectLayout layout = request.layout();
    // Encoder-decoders take their own <model> elements and -Drnn.models names; the rest is the recurrent models'.
    Seq2SeqGoals.Split split = Seq2SeqGoals.split(layout, request.models(), request.overrides());
    // Checked before anything trains, as the recurrent models' plans are.
    List<Seq2SeqPlan> seq2seq = Seq2SeqGoals.plans(split, layout, request.overrides());
    List<TrainingOutcome> outcomes = new ArrayList<>();
    if (split.othersSelected()) {
      outcomes.addAll(trainRecurrent(new Request(layout, split.otherSettings(), split.otherOverrides(),
          request.checkpointEvery()), log, listeners, split.any()));
    }
    for (Seq2SeqTraining.Outcome o : Seq2SeqGoals.train(seq2seq, layout, request.overrides(), log)) {
      log.info(o.model() + ": " + o.status() + (o.figures().isEmpty() ? "" : ", " + Figures.describe(o.figures())));
    }
    return outcomes;
  }

  private static List<TrainingOutcome> trainRecurrent(Request request, GoalLog log, List<TrainingListener> listeners,
      boolean encoderDecoders) throws IOException {
    ProjectLayout layout = request.layout();
    List<String> names = ModelIndex.read(layout.classesDirectory(), ModelDiscovery.INDEX);
    if (names.isEmpty() && encoderDecoders && request.models().isEmpty() && request.overrides().models().isEmpty()) {
      return List.of();
    }
    if (names.isEmpty()) {
      String where = layout.display(layout.classesDirectory().resolve(ModelDiscovery.INDEX));
      if (!request.models().isEmpty() || !request.overrides().models().isEmpty()) {
        throw new ConfigurationException("No models to train: " + where + " does not exist, but the configuration names"
            + " models; add unroll-processor to the compiler's annotationProcessorPaths");
      }
      log.warn("No models to train: " + where + " does not exist. If the project declares @RecurrentModel classes,"
          + " the annotation processor did not run: add dev.unroll:unroll-processor to the maven-compiler-plugin's"
          + " <annotationProcessorPaths> (see the README); until then the jar holds no trained model");
      return List.of();
    }
    List<TrainingOutcome> outcomes = new ArrayList<>();
    try (URLClassLoader loader = ProjectClassLoader.create(layout)) {
      List<DiscoveredModel> models = ModelDiscovery.loadAll(loader, names);
      List<ModelPlan> plans = ModelConfiguration.resolve(models, request.models(), request.overrides(), layout);
      for (ModelPlan plan : plans) {
        if (!plan.skipped()) {
          DataLoading.checkTrainingData(plan, layout);
          if (plan.data().testData() != null) {
            // rnn:evaluate reads it after training; a wrong path is cheaper to hear about now.
            DataLoading.checkTestData(plan, layout);
          }
        }
      }
      TrainingJob job = new TrainingJob(layout, log, request.overrides().force(), request.checkpointEvery(), listeners);
      try {
        for (ModelPlan plan : plans) {
          outcomes.add(job.run(plan));
        }
      } finally {
        if (!outcomes.isEmpty()) {
          log.info("");
          SummaryTable.lines(outcomes).forEach(log::info);
        }
      }
    }
    return outcomes;
  }
}
