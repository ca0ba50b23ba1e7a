package dev.unroll.maven.config;

import dev.unroll.maven.evaluate.QualityGate;
import dev.unroll.maven.project.DiscoveredModel;

/**
 * Everything the goals need to know about one model: the class, its data, how to train it and the
 * quality gate it must pass.
 *
 * @param model the generated class
 * @param data its data files and how they are read
 * @param training its training settings
 * @param gate its quality-gate thresholds
 * @param skipped whether the POM says {@code <skip>true</skip>} for it
 */
public record ModelPlan(DiscoveredModel model, DataSettings data, TrainingSettings training, QualityGate gate,
    boolean skipped) {

  /** The model's name in messages and file names: the generated class's simple name. */
  public String name() {
    return model.simpleName();
  }
}
