package dev.unroll.maven.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.maven.RecordingLog;
import dev.unroll.training.train.EpochReport;
import dev.unroll.training.train.Metrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-epoch log lines. */
class ProgressLogTest {
  private static EpochReport report(Metrics validation, boolean improved) {
    return new EpochReport(3, 10, 120, 1.23456, validation, 0.01, 5000, Duration.ofSeconds(75),
        Duration.ofSeconds(3725), improved);
  }

  @Test
  void classificationLinesShowAccuracyAndBitsPerSymbol() {
    ProgressLog log = new ProgressLog(new RecordingLog(), "CharModelNet", true, 0, Double.NaN);
    assertEquals("CharModelNet: epoch 3/10  loss 1.2346  val_loss 1.5000  val_accuracy 0.450  val_bits/symbol 2.164"
        + "  12,345 tokens/s  elapsed 1:15  left 1:02:05  *",
        log.line(report(new Metrics(1.5, 0.45, Double.NaN, Double.NaN, 100), true), 12345));
  }

  @Test
  void regressionErrorsAreInTheDataUnitsWhenThereIsOneTarget() {
    Metrics m = new Metrics(0.2, Double.NaN, 0.5, 0.6, 10);
    assertEquals("ForecastNet: epoch 3/10  loss 1.2346  val_loss 0.2000  val_mae 10.000  40 samples/s  elapsed 1:15"
        + "  left 1:02:05", new ProgressLog(new RecordingLog(), "ForecastNet", false, 10, 20).line(report(m, false), 40));
    assertEquals("ForecastNet: epoch 3/10  loss 1.2346  val_loss 0.2000  val_mae 0.5000 (normalised)  40 samples/s"
        + "  elapsed 1:15  left 1:02:05", new ProgressLog(new RecordingLog(), "ForecastNet", false, 10, Double.NaN)
        .line(report(m, false), 40));
  }

  @Test
  void withoutValidationOnlyTheTrainingLossIsShown() {
    assertEquals("X: epoch 3/10  loss 1.2346  7 samples/s  elapsed 1:15  left 1:02:05",
        new ProgressLog(new RecordingLog(), "X", false, 1, Double.NaN).line(report(null, false), 7));
  }
}
