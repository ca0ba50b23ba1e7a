package dev.unroll.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.Optimizer;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.training.optim.LearningRateSchedule;
import dev.unroll.training.optim.OptimizerSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
  private static final TrainingSpec DECLARED = TrainingSpec.defaults();
  private static final TrainingConfig BASE = new TrainingConfig(DECLARED, OptimizerSettings.from(DECLARED),
      LearningRateSchedule.constant(), 0, 1, null, 0);

  @Test
  void eachWithChangesItsSettingsAndKeepsTheOthers() {
    TrainingConfig c = BASE.withEpochs(7).withBatchSize(3).withSeed(11).withTruncatedBptt(5).withValidation(0.25, 2)
        .withClipping(2.5, 0.5).withThreads(4).withCheckpoint(Path.of("run.ckpt"), 9)
        .withLearningRate(0.02, LearningRateSchedule.constant());
    assertEquals(7, c.declared().epochs());
    assertEquals(3, c.declared().batchSize());
    assertEquals(11, c.declared().seed());
    assertEquals(5, c.declared().truncatedBptt());
    assertEquals(0.25, c.declared().validationSplit());
    assertEquals(2, c.declared().patience());
    assertEquals(2.5, c.declared().clipNorm());
    assertEquals(0.5, c.clipValue());
    assertEquals(4, c.threads());
    assertEquals(Path.of("run.ckpt"), c.checkpoint());
    assertEquals(9, c.checkpointEverySteps());
    assertEquals(0.02, c.declared().learningRate());
    assertEquals(DECLARED.optimizer(), c.declared().optimizer());
    assertEquals(BASE.settings(), c.settings());
    assertEquals(DECLARED.data(), c.declared().data());
  }

  @Test
  void theOptimizerSettingsMomentumAndWeightDecayAreTheDeclaredOnes() {
    OptimizerSettings s = new OptimizerSettings(0.5, 0.9, 0.98, 1e-8, 0.01, 0.99); // beta2 not the default
    TrainingConfig c = BASE.withOptimizer(Optimizer.NESTEROV, s);
    assertEquals(Optimizer.NESTEROV, c.declared().optimizer());
    assertEquals(s, c.settings());
    assertEquals(0.5, c.declared().momentum());
    assertEquals(0.01, c.declared().weightDecay());

    TrainingConfig m = c.withDeclared(TrainingSetting.MOMENTUM, 0.7);
    assertEquals(s.withMomentum(0.7), m.settings());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingConfig(DECLARED, s, LearningRateSchedule.constant(), 0, 1, null, 0));
    assertEquals("optimizer settings momentum 0.5 and weightDecay 0.01 must be the declared "
        + DECLARED.momentum() + " and " + DECLARED.weightDecay(), e.getMessage());
  }

  @Test
  void declaredSettingsAreCheckedByTheRegistryAndTrainerSettingsHere() {
    assertEquals("training setting batchSize must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> BASE.withBatchSize(0)).getMessage());
    assertEquals("training setting optimizer NESTEROV needs momentum > 0, was 0.0",
        assertThrows(IllegalArgumentException.class,
            () -> BASE.withOptimizer(Optimizer.NESTEROV, OptimizerSettings.defaults().withMomentum(0))).getMessage());
    assertEquals("training setting threads must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> BASE.withThreads(0)).getMessage());
  }
}
