package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.report.Seq2SeqReport;
import dev.unroll.maven.train.ProgressLog;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Seq2SeqArtifacts;
import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.runtime.io.FileOperations;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.training.optim.OptimizerSettings;
import dev.unroll.training.optim.Optimizers;
import dev.unroll.training.train.Seq2SeqTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one encoder-decoder for {@code rnn:train}, or says why it need not: fingerprints the
 * architecture, data and settings; skips a model whose saved card has that fingerprint; else reads
 * the pairs, holds out a seeded random {@code validationSplit} of them, trains teacher-forced
 * epochs with {@link Seq2SeqTrainer} (greedy decoding of the held-out pairs after each), keeps the
 * epoch of lowest edit-distance error rate, saves weights, both vocabularies and card all or
 * nothing ({@link Seq2SeqArtifacts}) to {@code target/rnn/<Model>/} and beside the class, and
 * writes the HTML report with attention heat maps.
 */
public final class Seq2SeqTraining {
  /** The card extra that holds the fingerprint. */
  public static final String FINGERPRINT = "fingerprint";

  private final ProjectLayout layout;
  private final GoalLog log;
  private final boolean force;

  public Seq2SeqTraining(ProjectLayout layout, GoalLog log, boolean force) {
    this.layout = layout;
    this.log = log;
    this.force = force;
  }

  /** What one model's training did: its status ({@code trained}, {@code up to date}, {@code skipped}) and figures. */
  public record Outcome(String model, String status, Map<String, Double> figures) {}

  /**
   * Trains the model of {@code plan} unless it is skipped or up to date.
   *
   * @throws ConfigurationException for bad data (naming file, line and field) or data that does
   *     not fit the declaration
   */
  public Outcome run(Seq2SeqPlan plan) throws IOException {
    String name = plan.name();
    if (plan.skipped()) {
      log.info("Model " + name + " is skipped (<skip>true</skip>)");
      return new Outcome(name, "skipped", Map.of());
    }
    String fingerprint = Seq2SeqData.fingerprint(plan, layout.pluginVersion());
    Path output = layout.packageDirectory(plan.model().packageName());
    Path scratch = layout.stagingDirectory(name).resolve("to-class-output");
    Seq2SeqArtifacts.recover(output, scratch, name);
    ModelCard existing = existingCard(plan, output);
    String reason = existing == null ? "no trained weights"
        : fingerprint.equals(existing.extras().get(FINGERPRINT)) ? null : "data, settings or architecture changed";
    if (reason == null && !force) {
      log.info("Model " + name + " is up to date (fingerprint " + fingerprint.substring(0, 8) + "), skipping");
      return new Outcome(name, "up to date", existing.metrics());
    }
    reason = force ? "forced" : reason;

    Seq2SeqData data = Seq2SeqData.read(plan, layout);
    log.info("Training model " + name + " (" + reason + ")");
    log.info(name + ": data " + layout.display(plan.data()) + " (" + data.summary() + ")");
    EncoderDecoder net = plan.model().create(plan.seed());
    Seq2SeqTrainer trainer = new Seq2SeqTrainer(net, data.source(), data.target(),
        Optimizers.create(plan.optimizer(), net.parameters().length, OptimizerSettings.defaults()),
        (float) plan.learningRate(), plan.clipNorm());

    long started = System.nanoTime();
    List<Seq2SeqTrainer.EpochReport> history = new ArrayList<>();
    float[] best = net.parameters().clone();
    int bestEpoch = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
      long t0 = System.nanoTime();
      Seq2SeqTrainer.EpochReport r = trainer.train(data.training(), data.validation(), 1, plan.batchSize()).get(0);
      r = new Seq2SeqTrainer.EpochReport(epoch, r.trainingLoss(), r.tokenAccuracy(), r.sequenceAccuracy(),
          r.errorRate());
      history.add(r);
      if (!Double.isFinite(r.trainingLoss())) {
        throw new ConfigurationException("Model " + name + ": training diverged in epoch " + epoch + " (loss "
            + r.trainingLoss() + "); lower <learningRate> or set <clipNorm>");
      }
      boolean improved = r.errorRate() < bestError;
      if (improved) {
        bestError = r.errorRate();
        bestEpoch = epoch;
        System.arraycopy(net.parameters(), 0, best, 0, best.length);
      }
      log.info(String.format(java.util.Locale.ROOT, "%s: epoch %d/%d loss %.4f, validation token accuracy %.4f,"
          + " sequence accuracy %.4f, error rate %.4f%s (%s)", name, epoch, plan.epochs(), r.trainingLoss(),
          r.tokenAccuracy(), r.sequenceAccuracy(), r.errorRate(), improved ? " *" : "",
          ProgressLog.clock(Duration.ofNanos(System.nanoTime() - t0))));
      if (plan.patience() > 0 && epoch - bestEpoch >= plan.patience()) {
        log.info(name + ": no better error rate for " + plan.patience() + " epochs, stopping early");
        break;
      }
    }
    System.arraycopy(best, 0, net.parameters(), 0, best.length);
    Duration time = Duration.ofNanos(System.nanoTime() - started);

    Seq2SeqTrainer.EpochReport kept = history.get(bestEpoch - 1);
    Map<String, Double> figures = figures(kept);
    Map<String, String> extras = new LinkedHashMap<>(plan.trainingSettings());
    extras.put(FINGERPRINT, fingerprint);
    extras.put("data", layout.display(plan.data()));
    extras.put("format", Seq2SeqPlan.FORMAT);
    extras.put(Seq2SeqArtifacts.SOURCE_SYMBOLS, plan.sourceWords() ? Seq2SeqArtifacts.WORDS : Seq2SeqArtifacts.CHARACTERS);
    extras.put(Seq2SeqArtifacts.TARGET_SYMBOLS, plan.targetWords() ? Seq2SeqArtifacts.WORDS : Seq2SeqArtifacts.CHARACTERS);
    extras.put(Seq2SeqArtifacts.MAX_LENGTH, Integer.toString(data.maxLength()));
    extras.put("validation", data.validationSummary());
    ModelCard card = Seq2SeqArtifacts.card(net.spec(), figures, history.size(), fingerprint.substring(0, 16), extras);
    Path staging = layout.stagingDirectory(name);
    Seq2SeqArtifacts.save(staging, net, data.source(), data.target(), card);
    Seq2SeqArtifacts.save(output, scratch, net, data.source(), data.target(), card, FileOperations.DIRECT);
    log.info(name + ": kept epoch " + bestEpoch + ", " + Figures.describe(figures) + "; saved to "
        + layout.display(output));

    TrainedTranslator translator = TrainedTranslator.of(net, data.source(), data.target(), card);
    Path report = Seq2SeqReport.write(layout.reportDirectory(), new Seq2SeqReport.Content(plan.name(),
        plan.model().className(), layout.display(plan.data()) + " (" + data.summary() + ")", reason, history,
        bestEpoch, figures, time, plan.trainingSettings(), Seq2SeqReport.examples(translator, data.validation(), 3)));
    log.info(name + ": report " + report.toUri());
    return new Outcome(name, "trained", figures);
  }

  /** The card's figures of an epoch: the three metrics and the training loss. */
  static Map<String, Double> figures(Seq2SeqTrainer.EpochReport r) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("token_accuracy", r.tokenAccuracy());
    f.put("sequence_accuracy", r.sequenceAccuracy());
    f.put("error_rate", r.errorRate());
    f.put("train_loss", r.trainingLoss());
    return f;
  }

  /**
   * The card of the set beside the class, or {@code null} when there is none that loads: missing,
   * incomplete, damaged or of another architecture.
   */
  private static ModelCard existingCard(Seq2SeqPlan plan, Path directory) {
    if (!Files.isRegularFile(directory.resolve(ModelArtifacts.cardName(plan.name())))) {
      return null;
    }
    try {
      return TrainedTranslator.load(plan.model().create(plan.seed()), directory).card();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
