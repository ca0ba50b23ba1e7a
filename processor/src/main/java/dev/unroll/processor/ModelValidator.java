package dev.unroll.processor;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.HeadState;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.model.TrainingSetting;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Checks one {@code @RecurrentModel} declaration and reports every mistake it finds at once. */
final class ModelValidator {
  private final Elements elements;

  ModelValidator(Elements elements) {
    this.elements = elements;
  }

  ValidationReport validate(Element element) {
    ValidationReport.Builder report = ValidationReport.builder(element);
    if (!report.isClass(Message.NOT_A_CLASS)) {
      return report.build();
    }
    Annotation model = Annotation.find(element, RecurrentModel.class.getName(), elements);
    int steps = model.getInt("steps");
    if (steps <= 0) {
      report.error(model, "steps", Message.STEPS, steps);
    }
    validateInput(model.getAnnotation("input", elements), report);
    validateLayers(model, report);
    new ConditionAndLayerNormRules(elements).validate(model, report);
    validateHead(model, report);
    validateTraining(model.getAnnotation("training", elements), steps, report);
    GeneratedName.of(model, (TypeElement) element, elements).check(model, elements, ModelValidator::isGeneratedByUs,
        Message.NAME_INVALID, Message.NAME_CLASH, report);
    float forgetBias = model.getFloat("forgetGateBias");
    if (!Float.isFinite(forgetBias)) {
      report.error(model, "forgetGateBias", Message.NOT_FINITE, "forgetGateBias", forgetBias);
    }
    return report.build();
  }

  private static void validateInput(Annotation input, ValidationReport.Builder report) {
    int size = input.getInt("size");
    InputKind kind = input.getEnum("kind", InputKind.class);
    int embedding = input.getInt("embeddingSize");
    if (size <= 0) {
      report.error(input, "size", Message.INPUT_SIZE, size);
    }
    if (kind == InputKind.EMBEDDING && embedding <= 0) {
      report.error(input, "embeddingSize", Message.EMBEDDING_SIZE, embedding);
    }
    if (kind != InputKind.EMBEDDING && embedding != 0) {
      report.error(input, "embeddingSize", Message.EMBEDDING_SIZE_UNUSED, kind, embedding);
    }
  }

  private void validateLayers(Annotation model, ValidationReport.Builder report) {
    List<Annotation> layers = model.getAnnotations("layers", elements);
    if (layers.isEmpty()) {
      report.error(model, "layers", Message.NO_LAYERS);
      return;
    }
    boolean learned = model.getEnum("initialState", InitialState.class) == InitialState.LEARNED;
    int firstUnits = layers.get(0).getInt("units");
    for (int i = 0; i < layers.size(); i++) {
      Annotation layer = layers.get(i);
      int units = layer.getInt("units");
      if (units <= 0) {
        report.error(layer, "units", Message.UNITS, units);
      } else if (learned && units != firstUnits) {
        report.error(layer, "units", Message.LEARNED_STATE_UNITS, i, units, firstUnits);
      }
      for (String name : List.of("dropout", "recurrentDropout")) {
        float p = layer.getFloat(name);
        if (!(p >= 0 && p < 1)) {
          report.error(layer, name, Message.DROPOUT, name, p);
        }
      }
    }
  }

  private void validateHead(Annotation model, ValidationReport.Builder report) {
    Annotation head = model.getAnnotation("head", elements);
    int size = head.getInt("size");
    Activation activation = head.getEnum("activation", Activation.class);
    Loss loss = model.getEnum("loss", Loss.class);
    if (size <= 0) {
      report.error(head, "size", Message.HEAD_SIZE, size);
    } else if (activation == Activation.SOFTMAX && size < 2) {
      report.error(head, "size", Message.SOFTMAX_SIZE, size);
    }
    if (head.getEnum("state", HeadState.class) == HeadState.CELL) {
      List<Annotation> layers = model.getAnnotations("layers", elements);
      Cell top = layers.isEmpty() ? null : layers.get(layers.size() - 1).getEnum("cell", Cell.class);
      if (top != null && !top.hasCellState()) {
        report.error(head, "state", Message.HEAD_STATE, "a " + top + " top layer does not have");
      } else if (head.getEnum("mode", HeadMode.class) != HeadMode.MANY_TO_ONE) {
        report.error(head, "state", Message.HEAD_STATE, "exists only as the end state, not at every step (MANY_TO_MANY)");
      }
    }
    Activation needed = loss.activation();
    if (activation != needed) {
      report.error(model, "loss", Message.LOSS_ACTIVATION, loss, needed, activation);
    }
  }

  /** Every registered training setting against its range (the registry's check), then the model-dependent rules. */
  private static void validateTraining(Annotation t, int steps, ValidationReport.Builder report) {
    for (TrainingSetting s : TrainingSetting.values()) {
      Object value = ModelReader.value(t, s);
      if (s.decimal() && !Double.isFinite(((Number) value).doubleValue())) {
        report.error(t, s.key(), Message.NOT_FINITE, "training." + s.key(), value);
        return;
      }
    }
    for (TrainingSetting s : TrainingSetting.values()) {
      Object value = ModelReader.value(t, s);
      if (s.problem(value) != null) {
        Message message = switch (s.bound()) {
          case POSITIVE -> Message.TRAINING_POSITIVE;
          case NON_NEGATIVE -> s == TrainingSetting.TRUNCATED_BPTT ? Message.TRUNCATED_BPTT : Message.TRAINING_NON_NEGATIVE;
          case FRACTION -> Message.TRAINING_FRACTION;
          case ANY -> throw new IllegalStateException("no value is out of range ANY");
        };
        if (message == Message.TRUNCATED_BPTT) {
          report.error(t, s.key(), message, steps, value);
        } else {
          report.error(t, s.key(), message, s.key(), s.bound().expected(), value);
        }
      }
    }
    double momentum = t.getDouble(TrainingSetting.MOMENTUM.key());
    if (TrainingSetting.nesterovProblem(t.getEnum("optimizer", Optimizer.class), momentum) != null) {
      report.error(t, TrainingSetting.MOMENTUM.key(), Message.NESTEROV_MOMENTUM, momentum);
    }
    int tbptt = t.getInt(TrainingSetting.TRUNCATED_BPTT.key());
    if (tbptt >= 0 && steps > 0 && TrainingSetting.truncatedBpttProblem(tbptt, steps) != null) {
      report.error(t, TrainingSetting.TRUNCATED_BPTT.key(), Message.TRUNCATED_BPTT, steps, tbptt);
    }
  }

  /**
   * Whether an existing type is our own output from an earlier round or build (incremental and IDE
   * builds put it on the class path). {@code @Generated} is not kept in class files, so recognise
   * the shape instead: a network class with a nested {@code Tape}.
   */
  private static boolean isGeneratedByUs(TypeElement existing) {
    boolean network = existing.getInterfaces().stream()
        .anyMatch(i -> i.toString().equals("dev.unroll.runtime.RecurrentNetwork"));
    boolean tape = existing.getEnclosedElements().stream()
        .anyMatch(e -> e.getKind() == ElementKind.CLASS && e.getSimpleName().contentEquals("Tape"));
    return network && tape;
  }
}
