package dev.unroll.training.train;

import dev.unroll.model.ModelSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints one line per epoch (and a progress line every {@code everySteps} steps): epoch, step,
 * training loss, validation figures, throughput and time left.
 */
public final class ConsoleListener implements TrainingListener {
  private final Consumer<String> out;
  private final int everySteps;
  private String name = "model";

  /** Prints to {@code out}, with a progress line every {@code everySteps} steps (0 = none). */
  public ConsoleListener(Consumer<String> out, int everySteps) {
    this.out = out;
    this.everySteps = everySteps;
  }

  /** Prints epoch lines to standard output. */
  public ConsoleListener() {
    this(System.out::println, 0);
  }

  public ConsoleListener(PrintStream stream) {
    this(stream::println, 0);
  }

  @Override
  public void onStart(ModelSpec spec, TrainingConfig config, int batchesPerEpoch, int startEpoch) {
    name = spec.name();
    out.accept(String.format(Locale.ROOT, "%s: training %d epochs of %d batches (batch %d, %s, lr %.3g, %d threads)%s",
        name, config.declared().epochs(), batchesPerEpoch, config.declared().batchSize(), config.declared().optimizer(), config.declared().learningRate(),
        config.threads(), startEpoch > 0 ? ", resuming at epoch " + (startEpoch + 1) : ""));
  }

  @Override
  public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
    if (everySteps > 0 && step % everySteps == 0) {
      out.accept(String.format(Locale.ROOT, "%s: epoch %d  batch %d/%d  step %d  loss %.4f",
          name, epoch + 1, batch + 1, batchesPerEpoch, step, loss));
    }
  }

  @Override
  public void onEpoch(EpochReport r) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: epoch %d/%d  step %d  loss %.4f",
        name, r.epoch(), r.epochs(), r.step(), r.trainLoss()));
    if (r.validation() != null) {
      for (Map.Entry<String, Double> e : r.validation().asMap().entrySet()) {
        b.append(String.format(Locale.ROOT, "  val_%s %.4f", e.getKey(), e.getValue()));
      }
    }
    b.append(String.format(Locale.ROOT, "  %.0f tokens/s  elapsed %s  left %s%s", r.tokensPerSecond(),
        format(r.elapsed()), format(r.remaining()), r.improved() ? "  *" : ""));
    out.accept(b.toString());
  }

  @Override
  public void onEnd(TrainingResult result) {
    out.accept(String.format(Locale.ROOT, "%s: done, keeping epoch %d%s%s", name, result.bestEpoch(),
        result.best() == null ? "" : String.format(Locale.ROOT, " (val_loss %.4f)", result.best().loss()),
        result.stoppedEarly() ? ", stopped early" : ""));
  }

  static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
