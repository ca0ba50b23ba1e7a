package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.model.HeadSpec;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.PaddedClassifierNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A generated class carries exactly the description its declaration makes, defaults from the registry included. */
class GeneratedSpecTest {

  @Test
  void theGeneratedSpecIsTheDeclaration() {
    TrainingSpec training = TrainingSpec.defaults()
        .with(TrainingSetting.LEARNING_RATE, 0.01)
        .with(TrainingSetting.BATCH_SIZE, 16)
        .with(TrainingSetting.EPOCHS, 3)
        .with(TrainingSetting.SEED, 7L)
        .with(TrainingSetting.VALIDATION_SPLIT, 0.1);
    ModelSpec expected = new ModelSpec("CharLstmNet", 32, new InputSpec(InputKind.ONE_HOT, 58, 0),
        List.of(new LayerSpec(Cell.LSTM, 64, false, 0f, 0f)), false,
        new HeadSpec(58, Activation.SOFTMAX, HeadMode.MANY_TO_MANY), Loss.CROSS_ENTROPY,
        Initialization.PYTORCH_DEFAULT, 0f, training);
    assertEquals(expected, new CharLstmNet().spec());
  }

  @Test
  void aDeclarationWithoutTrainingCarriesTheRegistryDefaults() {
    assertEquals(TrainingSpec.defaults(), new PaddedClassifierNet().spec().training());
  }
}
