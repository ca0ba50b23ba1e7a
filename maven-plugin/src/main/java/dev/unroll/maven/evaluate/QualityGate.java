package dev.unroll.maven.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds a model's figures must meet for {@code rnn:evaluate} to pass, e.g.
 * {@code <minAccuracy>0.85</minAccuracy>}.
 */
public record QualityGate(Map<Threshold, Double> thresholds) {

  public QualityGate {
    Map<Threshold, Double> copy = new EnumMap<>(Threshold.class);
    copy.putAll(thresholds);
    thresholds = Collections.unmodifiableMap(copy);
  }

  /** A gate with no thresholds. */
  public static QualityGate none() {
    return new QualityGate(Map.of());
  }

  /** Whether any threshold is set. */
  public boolean isEmpty() {
    return thresholds.isEmpty();
  }

  /**
   * One line per threshold that {@code figures} miss, e.g.
   * {@code Model XNet: accuracy 0.812 is below minAccuracy 0.850}; empty when all pass.
   */
  public List<String> violations(String model, Map<String, Double> figures) {
    List<String> out = new ArrayList<>();
    thresholds.forEach((t, bound) -> {
      Double value = figures.get(t.figure());
      if (value == null) {
        out.add("Model " + model + ": " + t.setting() + " is set but the evaluation has no " + t.figure());
      } else if (!t.passes(value, bound)) {
        out.add("Model " + model + ": " + t.figure() + " " + Figures.format(value) + " is "
            + (t.minimum() ? "below " : "above ") + t.setting() + " " + Figures.format(bound));
      }
    });
    return out;
  }
}
