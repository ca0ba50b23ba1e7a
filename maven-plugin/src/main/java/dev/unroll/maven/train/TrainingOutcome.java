package dev.unroll.maven.train;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code rnn:train} did with one model, for the summary table.
 *
 * @param model the model's name
 * @param status what happened
 * @param epochs epochs in the model's weights ({@code 0} when unknown)
 * @param plannedEpochs epochs planned
 * @param figures the figures in the model card (validation figures, with MAE and RMSE in the
 *     data's units); empty when unknown
 * @param time training time ({@link Duration#ZERO} when not trained)
 * @param reason why it was trained or skipped, e.g. {@code data changed}
 */
public record TrainingOutcome(String model, Status status, int epochs, int plannedEpochs, Map<String, Double> figures,
    Duration time, String reason) {

  public TrainingOutcome {
    figures = Map.copyOf(figures);
  }

  /** What happened to a model. */
  public enum Status {
    /** Trained from scratch. */
    TRAINED("trained"),
    /** Trained, continuing from an interrupted run's checkpoint. */
    RESUMED("resumed"),
    /** Its weights matched the fingerprint; nothing was done. */
    UP_TO_DATE("up to date"),
    /** Left out by {@code <skip>true</skip>}. */
    SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word in the summary table. */
    public String label() {
      return label;
    }
  }
}
