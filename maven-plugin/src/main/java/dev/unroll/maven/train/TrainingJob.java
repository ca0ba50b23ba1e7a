package dev.unroll.maven.train;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.data.DataLoading;
import dev.unroll.maven.data.TrainingData;
import dev.unroll.maven.evaluate.Baseline;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.evaluate.RegressionErrors;
import dev.unroll.maven.evaluate.TaskBaselines;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.report.HtmlReport;
import dev.unroll.maven.report.TaskPicture;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.FileOperations;
import dev.unroll.training.train.EpochReport;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingListener;
import dev.unroll.training.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one model, or says why it need not.
 *
 * <ol>
 *   <li>Fingerprints the architecture, data, settings and plugin version. If the class output
 *       holds a complete artifact set whose card has the same fingerprint, logs that the model is
 *       up to date and stops: this costs one read of the data file.
 *   <li>Otherwise logs why it trains ("no trained weights", "data changed", ...), reads the data
 *       and trains, checkpointing to {@code target/rnn/<Model>/checkpoint.ckpt}. A checkpoint left
 *       by an interrupted run of the same fingerprint is resumed; any other is discarded.
 *   <li>Saves the artifacts to {@code target/rnn/<Model>/} first, then beside the class in the
 *       class output, all or nothing (staged in {@code target/rnn/<Model>/to-class-output/}, see
 *       {@code ModelArtifacts.save}), deletes the checkpoint and writes the HTML report. A failed or
 *       interrupted run therefore never leaves a partial set, and a killed save is finished or
 *       discarded at the start of the next run.
 * </ol>
 */
public final class TrainingJob {
  /** The checkpoint file in a model's staging directory. */
  public static final String CHECKPOINT = "checkpoint.ckpt";
  /** Identifies the run a checkpoint belongs to, so that only the same run resumes from it. */
  public static final String CHECKPOINT_RUN = "checkpoint.run";

  private final ProjectLayout layout;
  private final GoalLog log;
  private final boolean force;
  private final int checkpointEvery;
  private final List<TrainingListener> listeners;

  /**
   * Creates a job runner.
   *
   * @param force retrain even when up to date
   * @param checkpointEvery also checkpoint every this many steps (0: after each epoch only)
   * @param listeners extra listeners for every run (tests use one to interrupt training)
   */
  public TrainingJob(ProjectLayout layout, GoalLog log, boolean force, int checkpointEvery,
      List<TrainingListener> listeners) {
    this.layout = layout;
    this.log = log;
    this.force = force;
    this.checkpointEvery = checkpointEvery;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains the model of {@code plan} unless it is up to date or skipped.
   *
   * @throws ConfigurationException for bad data or settings (earlier outputs are left in place)
   * @throws IOException if files cannot be read or written
   */
  public TrainingOutcome run(ModelPlan plan) throws IOException {
    String name = plan.name();
    int planned = plan.training().spec().epochs();
    if (plan.skipped()) {
      log.info("Model " + name + " is skipped (<skip>true</skip>)");
      return new TrainingOutcome(name, TrainingOutcome.Status.SKIPPED, 0, planned, Map.of(), Duration.ZERO, null);
    }
    Fingerprint fingerprint = Fingerprint.of(plan, layout.pluginVersion());
    Path output = layout.packageDirectory(plan.model().packageName());
    // A save killed in an earlier build is finished (or discarded) before anything reads the output.
    ModelArtifacts.recover(output, outputScratch(name), name);
    Existing existing = Existing.read(output, name);
    String reason = existing.card == null ? existing.problem : fingerprint.changesSince(existing.fingerprint());
    if (reason == null && !force) {
      log.info("Model " + name + " is up to date (fingerprint " + fingerprint.shortValue() + "), skipping");
      return new TrainingOutcome(name, TrainingOutcome.Status.UP_TO_DATE, existing.card.epochs(), planned,
          existing.card.metrics(), Duration.ZERO, null);
    }
    if (force) {
      reason = "forced" + (reason == null ? "" : ", " + reason);
    }
    // Everything that can be wrong with the data or settings is found before the training line.
    TrainingData data = DataLoading.forTraining(plan, layout);
    RecurrentNetwork net = plan.model().newInstance(plan.training().spec().seed());
    TrainingConfig settings = config(plan, net);
    log.info("Training model " + name + " (" + reason + ")");
    log.info(name + ": data " + layout.display(plan.data().data()) + " (" + data.summary() + ")");

    Path staging = layout.stagingDirectory(name);
    Files.createDirectories(staging);
    Path checkpoint = staging.resolve(CHECKPOINT);
    prepareCheckpoint(name, staging, checkpoint, fingerprint);

    TrainingConfig config = settings.withCheckpoint(checkpoint, checkpointEvery);
    long samples = data.stream() != null || data.validation() != null ? data.samples()
        : Math.round(data.samples() * (1 - plan.training().spec().validationSplit()));
    ProgressLog progress = new ProgressLog(log, name, data.stream() != null, samples, data.targetScale());
    Trainer trainer = new Trainer(net, config).listen(progress);
    listeners.forEach(trainer::listen);
    long started = System.nanoTime();
    TrainingResult result;
    try {
      result = data.fit(trainer);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Model " + name + ": " + e.getMessage() + "; lower <batchSize> or"
          + " <truncatedBptt>, or train on more data", e);
    } catch (IllegalStateException e) {
      throw new ConfigurationException("Model " + name + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Duration time = Duration.ofNanos(System.nanoTime() - started);

    Map<String, String> extras = new LinkedHashMap<>(fingerprint.extras());
    extras.put("data", layout.portable(plan.data().data()));
    extras.put("format", plan.data().format().id());
    extras.putAll(data.extras());
    ModelCard provisional = ModelCard.of(net.spec(), Map.of(), result.history().size(), fingerprint.data(), extras);
    Map<String, Double> figures = new LinkedHashMap<>();
    TrainedModel trained = TrainedModel.of(net, data.vocabulary(), data.normalization(), provisional);
    if (result.best() != null) {
      double[] errors = data.rawValidation() == null ? null : RegressionErrors.of(trained, data.rawValidation());
      figures.putAll(Figures.of(result.best(), errors));
    }
    for (EpochReport r : result.history()) {
      if (r.epoch() == result.bestEpoch()) {
        figures.put("train_loss", r.trainLoss());
      }
    }
    List<Baseline> baselines = result.best() == null ? List.of()
        : TaskBaselines.onValidation(data, plan.training().spec().validationSplit(), plan.training().spec().seed());
    String baselineText = TaskBaselines.describe(baselines, figures);
    if (!baselineText.isEmpty()) {
      extras.put(TaskBaselines.EXTRA, baselineText);
    }
    ModelCard card = ModelCard.of(net.spec(), figures, result.history().size(), fingerprint.data(), extras);
    ModelArtifacts.save(staging, net, data.vocabulary(), data.normalization(), card);
    ModelArtifacts.save(output, outputScratch(name), net, data.vocabulary(), data.normalization(), card,
        FileOperations.DIRECT);
    Files.deleteIfExists(checkpoint);
    Files.deleteIfExists(staging.resolve(CHECKPOINT_RUN));
    log.info(name + ": kept epoch " + result.bestEpoch() + (result.stoppedEarly() ? " (stopped early)" : "")
        + (figures.isEmpty() ? "" : ", " + Figures.describe(figures)) + "; saved to " + layout.display(output));
    if (!baselineText.isEmpty()) {
      log.info(name + ": baselines on the validation data: " + baselineText);
    }

    String picture = TaskPicture.onValidation(trained, data, plan.training().spec().validationSplit(),
        plan.training().spec().seed());
    Path report = HtmlReport.write(layout.reportDirectory(), layout, new HtmlReport.Content(plan, data.summary(),
        result, figures, data.targetScale(), fingerprint, reason, time, baselines, progress.throughput(),
        progress.unit(), data.extras(), picture));
    log.info(name + ": report " + report.toUri());
    return new TrainingOutcome(name, result.resumed() ? TrainingOutcome.Status.RESUMED : TrainingOutcome.Status.TRAINED,
        result.history().size(), planned, figures, time, reason);
  }

  /** The trainer's configuration, range errors worded as the model's. */
  private static TrainingConfig config(ModelPlan plan, RecurrentNetwork net) {
    try {
      return plan.training().toConfig(net.spec());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Model " + plan.name() + ": " + e.getMessage(), e);
    }
  }

  /** Where the class output's artifacts are staged before they are switched in: outside it, so never in a jar. */
  private Path outputScratch(String name) {
    return layout.stagingDirectory(name).resolve("to-class-output");
  }

  /**
   * Keeps a checkpoint only if the run that wrote it had this fingerprint, and records this run's
   * identity beside it. The thread count is no part of it: training gives the same bits on any
   * number of threads, so a run resumes on another.
   */
  private void prepareCheckpoint(String name, Path staging, Path checkpoint, Fingerprint fingerprint)
      throws IOException {
    Path runFile = staging.resolve(CHECKPOINT_RUN);
    String run = fingerprint.value() + "\n";
    // A run killed while writing a checkpoint leaves its temporary file; the checkpoint itself is whole.
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(staging, CHECKPOINT + ".tmp-*")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
    if (force && Files.exists(checkpoint)) {
      // -Drnn.force starts over, which is also the way past a damaged checkpoint.
      log.info(name + ": discarding checkpoint " + layout.display(checkpoint) + " (forced)");
      Files.delete(checkpoint);
    }
    if (Files.exists(checkpoint)) {
      String previous = Files.isRegularFile(runFile) ? Files.readString(runFile, StandardCharsets.UTF_8) : "";
      if (previous.equals(run)) {
        log.info(name + ": resuming from checkpoint " + layout.display(checkpoint));
      } else {
        log.info(name + ": discarding checkpoint " + layout.display(checkpoint) + ", which belongs to another run");
        Files.delete(checkpoint);
      }
    }
    Files.writeString(runFile, run, StandardCharsets.UTF_8);
  }

  /** The artifact set in the class output: its card, or why there is none usable. */
  private record Existing(ModelCard card, String problem) {
    static Existing read(Path directory, String name) {
      Path weights = directory.resolve(ModelArtifacts.weightsName(name));
      Path cardFile = directory.resolve(ModelArtifacts.cardName(name));
      if (!Files.isRegularFile(weights)) {
        return new Existing(null, "no trained weights");
      }
      if (!ModelArtifacts.isComplete(directory, name)) {
        return new Existing(null, "no model card beside the weights");
      }
      try {
        String cardText = Files.readString(cardFile, StandardCharsets.UTF_8);
        ModelCard card = ModelCard.fromJson(cardFile.toString(), cardText);
        ModelArtifacts.verify(name, cardText, f -> Files.isRegularFile(directory.resolve(f))
            ? Files.newInputStream(directory.resolve(f)) : null, f -> directory.resolve(f).toString());
        return new Existing(card, null);
      } catch (IOException | IllegalArgumentException e) {
        return new Existing(null, "unreadable model card");
      } catch (IllegalStateException e) {
        return new Existing(null, "artifacts do not match their card (" + e.getMessage() + ")");
      }
    }

    Fingerprint fingerprint() {
      return Fingerprint.fromExtras(card.extras());
    }
  }
}
