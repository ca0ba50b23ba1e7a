package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Optimizer;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.optim.LearningRateSchedule;
import dev.unroll.training.optim.OptimizerSettings;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingDivergedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that diverges stops with a message naming the epoch, the step and the remedies, before
 * anything it produced can be saved; diverged weights are never saved or loaded.
 */
class DivergenceTest {
  @TempDir Path dir;

  private static SequenceDataset seasonal() {
    Random r = new Random(5);
    float[] series = new float[300];
    for (int t = 0; t < series.length; t++) {
      series[t] = (float) (Math.sin(2 * Math.PI * t / 12) + 0.1 * r.nextGaussian());
    }
    List<Example> examples = new ArrayList<>();
    int window = ForecasterNet.STEPS;
    for (int start = 0; start + window < series.length; start++) {
      float[] x = new float[window];
      System.arraycopy(series, start, x, 0, window);
      examples.add(new Example(window, null, x, null, new float[] {series[start + window]}));
    }
    return new SequenceDataset(examples, 1, 1, false);
  }

  private static void assertNamesEpochStepAndRemedies(TrainingDivergedException e, int epoch) {
    String m = e.getMessage();
    assertTrue(m.contains("epoch " + epoch) && m.contains("step " + e.step()) && m.contains("learningRate")
        && m.contains("clipNorm"), m);
    assertTrue(e.epoch() == epoch, m);
  }

  /** The only update overflows the parameters (a learning rate beyond float range): nothing checked them after it. */
  @Test
  void parametersThatBecomeInfiniteInTheLastUpdateStopTheRun() {
    ForecasterNet net = new ForecasterNet();
    SequenceDataset data = seasonal();
    TrainingConfig config = TrainingConfig.of(net.spec()).withOptimizer(Optimizer.SGD, OptimizerSettings.defaults())
        .withLearningRate(1e300, LearningRateSchedule.constant()).withClipping(0, 0).withEpochs(1).withBatchSize(data.size())
        .withValidation(0, 0).withThreads(1);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(net, config).fit(data, null));
    assertNamesEpochStepAndRemedies(e, 1);
    assertTrue(e.step() == 1 && e.getMessage().contains("parameter"), e.getMessage());
  }

  /**
   * Adam with a huge learning rate and clipping stays finite but makes the forecaster hundreds of
   * times worse than its own initialisation: the validation check stops it.
   */
  @Test
  void aValidationLossThatExplodesStopsTheRun() {
    ForecasterNet net = new ForecasterNet();
    TrainingConfig config = TrainingConfig.of(net.spec()).withLearningRate(20, LearningRateSchedule.constant())
        .withClipping(1, 0).withEpochs(3).withBatchSize(16).withValidation(0.2, 0).withThreads(1);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(net, config).fit(seasonal(), null));
    assertNamesEpochStepAndRemedies(e, e.epoch());
    assertTrue(e.getMessage().contains("validation loss") && e.getMessage().contains("times the lowest"),
        e.getMessage());
  }

  /** The earlier model stays: a save of non-finite weights writes nothing, and such weights never load. */
  @Test
  void nonFiniteWeightsAreNeitherSavedNorLoaded() throws Exception {
    ForecasterNet good = new ForecasterNet();
    ModelCard card = ModelCard.of(good.spec(), Map.of(), 1, null, null);
    ModelArtifacts.save(dir, good, null, null, card);
    byte[] before = Files.readAllBytes(dir.resolve("ForecasterNet.safetensors"));

    ForecasterNet diverged = new ForecasterNet();
    diverged.parameters()[7] = Float.NaN;
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ModelArtifacts.save(dir, diverged, null, null, card));
    assertTrue(refused.getMessage().contains("NaN") && refused.getMessage().contains("weight_ih_l0"),
        refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("ForecasterNet.safetensors")));

    // A file holding an infinity (written by another tool, or damaged) is refused at load, naming the tensor.
    diverged.parameters()[7] = Float.POSITIVE_INFINITY;
    Path foreign = dir.resolve("foreign.safetensors");
    dev.unroll.runtime.io.AtomicFiles.write(foreign, dev.unroll.runtime.io.NetworkWeights.content(diverged, Map.of()));
    Exception e = assertThrows(Exception.class,
        () -> dev.unroll.runtime.io.NetworkWeights.load(new ForecasterNet(), foreign));
    assertTrue(e.getMessage().contains("foreign.safetensors") && e.getMessage().contains("Infinity")
        && e.getMessage().contains("weight_ih_l0"), e.getMessage());
    assertFalse(TrainedModel.load(new ForecasterNet(), dir).network().parameters()[7] != good.parameters()[7]);
  }
}
