package dev.unroll.maven.train;

import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.model.ModelSpec;
import dev.unroll.training.train.EpochReport;
import dev.unroll.training.train.Metrics;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingListener;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes training progress to Maven's log: a line when training starts, one per epoch (training
 * loss, validation figures, samples per second, time elapsed and left) and, for long epochs, a
 * progress line at most every {@value #PROGRESS_SECONDS} seconds.
 */
public final class ProgressLog implements TrainingListener {
  static final long PROGRESS_SECONDS = 15;

  private final GoalLog log;
  private final String name;
  private final boolean stream;
  private final long samplesPerEpoch;
  private final double targetScale;
  private long epochStarted;
  private long lastProgress;
  private int epochs;
  private final Map<Integer, Double> throughput = new LinkedHashMap<>();

  /**
   * Creates the listener.
   *
   * @param stream whether the data is one stream (samples are then tokens)
   * @param samplesPerEpoch training sequences per epoch (ignored for streams)
   * @param targetScale the single target's standard deviation, to print regression errors in the
   *     data's units; {@code NaN} to print them normalised
   */
  public ProgressLog(GoalLog log, String name, boolean stream, long samplesPerEpoch, double targetScale) {
    this.log = log;
    this.name = name;
    this.stream = stream;
    this.samplesPerEpoch = samplesPerEpoch;
    this.targetScale = targetScale;
  }

  @Override
  public void onStart(ModelSpec spec, TrainingConfig config, int batchesPerEpoch, int startEpoch) {
    epochs = config.declared().epochs();
    epochStarted = System.nanoTime();
    lastProgress = epochStarted;
    log.info(String.format(Locale.ROOT, "%s: %d epochs of %d batches (batch %d, %s, lr %s, %d thread%s)%s", name,
        config.declared().epochs(), batchesPerEpoch, config.declared().batchSize(), config.declared().optimizer(), Figures.format(config.declared().learningRate()),
        config.threads(), config.threads() == 1 ? "" : "s",
        startEpoch > 0 ? ", resuming at epoch " + (startEpoch + 1) : ""));
  }

  @Override
  public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
    long now = System.nanoTime();
    if (now - lastProgress >= PROGRESS_SECONDS * 1_000_000_000L && batch + 1 < batchesPerEpoch) {
      lastProgress = now;
      log.info(String.format(Locale.ROOT, "%s: epoch %d/%d  batch %d/%d  loss %.4f", name, epoch + 1, epochs,
          batch + 1, batchesPerEpoch, loss));
    }
  }

  @Override
  public void onEpoch(EpochReport r) {
    long now = System.nanoTime();
    double seconds = Math.max((now - epochStarted) / 1e9, 1e-9);
    epochStarted = now;
    lastProgress = now;
    double samplesPerSecond = stream ? r.tokensPerSecond() : samplesPerEpoch / seconds;
    throughput.put(r.epoch(), samplesPerSecond);
    log.info(line(r, samplesPerSecond));
  }

  /** The throughput each epoch's line printed, by epoch number, in {@link #unit()}. */
  public Map<Integer, Double> throughput() {
    return Collections.unmodifiableMap(throughput);
  }

  /** {@code tokens/s} for a stream, else {@code samples/s}. */
  public String unit() {
    return stream ? "tokens/s" : "samples/s";
  }

  /** The epoch line: figures, throughput and time. */
  String line(EpochReport r, double samplesPerSecond) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: epoch %d/%d  loss %.4f", name, r.epoch(),
        r.epochs(), r.trainLoss()));
    Metrics v = r.validation();
    if (v != null) {
      b.append(String.format(Locale.ROOT, "  val_loss %.4f", v.loss()));
      if (!Double.isNaN(v.accuracy())) {
        b.append(String.format(Locale.ROOT, "  val_accuracy %.3f  val_bits/symbol %.3f", v.accuracy(),
            v.bitsPerSymbol()));
      }
      if (!Double.isNaN(v.mae())) {
        b.append(Double.isNaN(targetScale)
            ? String.format(Locale.ROOT, "  val_mae %.4f (normalised)", v.mae())
            : "  val_mae " + Figures.format(v.mae() * targetScale));
      }
    }
    b.append(String.format(Locale.ROOT, "  %,.0f %s  elapsed %s  left %s%s", samplesPerSecond, unit(), clock(r.elapsed()), clock(r.remaining()), r.improved() ? "  *" : ""));
    return b.toString();
  }

  /** {@code m:ss} or {@code h:mm:ss}. */
  public static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
