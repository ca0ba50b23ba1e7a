package dev.unroll.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.Training;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSettingTest {

  /** The registry and {@code @Training} name the same settings with the same types: one cannot grow alone. */
  @Test
  void theRegistryHasOneSettingPerTrainingElementOfItsType() {
    List<String> elements = Arrays.stream(Training.class.getDeclaredMethods()).map(Method::getName).sorted().toList();
    assertEquals(elements, TrainingSetting.keys().stream().sorted().toList());
    for (TrainingSetting s : TrainingSetting.values()) {
      Method m = Arrays.stream(Training.class.getDeclaredMethods()).filter(x -> x.getName().equals(s.key()))
          .min(Comparator.comparing(Method::getName)).orElseThrow();
      assertEquals(m.getReturnType(), s.type(), s.key());
    }
  }

  /** Generated code writes {@code new TrainingSpec(...)} in registry order: the components must follow it. */
  @Test
  void trainingSpecComponentsFollowTheRegistryOrder() {
    List<String> components = Arrays.stream(TrainingSpec.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName).toList();
    assertEquals(TrainingSetting.keys(), components);
  }

  @Test
  void defaultsAreTheAnnotationsDeclaredDefaults() {
    TrainingSpec d = TrainingSpec.defaults();
    assertEquals(new TrainingSpec(Optimizer.ADAM, 1e-3, 0.9, 0, 32, 10, 5, 0, 42, "", 0.1, 0), d);
  }

  @Test
  void rangesAreCheckedWithTheMessagesEveryLayerShows() {
    assertEquals("must be > 0, was 0.0", TrainingSetting.LEARNING_RATE.problem(0.0));
    assertEquals("must be > 0, was 0", TrainingSetting.EPOCHS.problem(0));
    assertEquals("must be >= 0, was -1", TrainingSetting.PATIENCE.problem(-1));
    assertEquals("must be in [0, 1), was 1.0", TrainingSetting.VALIDATION_SPLIT.problem(1.0));
    assertEquals("must be a finite number, was NaN", TrainingSetting.CLIP_NORM.problem(Double.NaN));
    assertNull(TrainingSetting.SEED.problem(-5L));
    assertNull(TrainingSetting.MOMENTUM.problem(0.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingSpec.defaults().with(TrainingSetting.BATCH_SIZE, 0));
    assertEquals("training setting batchSize must be > 0, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingSpec.defaults()
        .with(TrainingSetting.MOMENTUM, 0.0).with(TrainingSetting.OPTIMIZER, Optimizer.NESTEROV));
    assertEquals("training setting optimizer NESTEROV needs momentum > 0, was 0.0", e.getMessage());
  }

  @Test
  void valuesRoundTripThroughTheRegistry() {
    TrainingSpec t = TrainingSpec.defaults().with(TrainingSetting.EPOCHS, 3).with(TrainingSetting.DATA, "a.txt");
    assertEquals(t, TrainingSpec.of(t.values()));
    assertEquals(3, t.epochs());
    assertEquals("a.txt", t.value(TrainingSetting.DATA));
    assertEquals(2.0, TrainingSpec.defaults().with(TrainingSetting.CLIP_NORM, 2).clipNorm());
    assertEquals(7L, TrainingSpec.defaults().with(TrainingSetting.SEED, 7).seed());
  }

  @Test
  void valuesOfTheWrongTypeAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingSpec.defaults().with(TrainingSetting.EPOCHS, "3"));
    assertEquals("training setting epochs needs a int value, was 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainingSpec.of(java.util.Map.of()));
    assertEquals("training setting optimizer needs a Optimizer value, was null", e.getMessage());
  }
}
