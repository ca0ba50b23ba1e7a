package dev.unroll.processor;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.HeadState;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import java.util.List;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Checks one {@code @RecurrentModel} declaration and reports every mistake it finds at once. */
final class ModelValidator {
  /** The longest float[] HotSpot allocates. */
  static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private final Elements elements;

  ModelValidator(Elements elements) {
    this.elements = elements;
  }

  ValidationReport validate(Element element) {
    ValidationReport.Builder report = ValidationReport.builder(element);
    if (element.getKind() != ElementKind.CLASS) {
      return report.error(Message.NOT_A_CLASS, describe(element)).build();
    }
    Annotation model = Annotation.find(element, RecurrentModel.class.getName(), elements);
    int steps = model.getInt("steps");
    if (steps <= 0) {
      report.error(model, "steps", Message.STEPS, steps);
    }
    validateInput(model.getAnnotation("input", elements), report);
    validateLayers(model, report);
    validateHead(model, report);
    validateTraining(model.getAnnotation("training", elements), steps, report);
    validateName(model, (TypeElement) element, report);
    float forgetBias = model.getFloat("forgetGateBias");
    if (!Float.isFinite(forgetBias)) {
      report.error(model, "forgetGateBias", Message.NOT_FINITE, "forgetGateBias", forgetBias);
    }
    if (report.build().isClean()) {
      long parameters = ParameterCount.of(model, elements);
      if (parameters > MAX_PARAMETERS) {
        report.error(model, "layers", Message.TOO_LARGE, parameters, MAX_PARAMETERS);
      }
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
      if (top != null && top != Cell.LSTM && top != Cell.LSTM_PEEPHOLE) {
        report.error(head, "state", Message.HEAD_STATE, "a " + top + " top layer does not have");
      } else if (head.getEnum("mode", HeadMode.class) != HeadMode.MANY_TO_ONE) {
        report.error(head, "state", Message.HEAD_STATE, "exists only as the end state, not at every step (MANY_TO_MANY)");
      }
    }
    Activation needed = switch (loss) {
      case CROSS_ENTROPY -> Activation.SOFTMAX;
      case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
      case MSE -> Activation.LINEAR;
    };
    if (activation != needed) {
      report.error(model, "loss", Message.LOSS_ACTIVATION, loss, needed, activation);
    }
  }

  private static void validateTraining(Annotation t, int steps, ValidationReport.Builder report) {
    for (String name : List.of("learningRate", "clipNorm", "weightDecay", "momentum", "validationSplit")) {
      if (!Double.isFinite(t.getDouble(name))) {
        report.error(t, name, Message.NOT_FINITE, "training." + name, t.getDouble(name));
        return;
      }
    }
    for (String name : List.of("learningRate")) {
      if (!(t.getDouble(name) > 0)) {
        report.error(t, name, Message.TRAINING_POSITIVE, name, t.getDouble(name));
      }
    }
    for (String name : List.of("batchSize", "epochs")) {
      if (t.getInt(name) <= 0) {
        report.error(t, name, Message.TRAINING_POSITIVE, name, t.getInt(name));
      }
    }
    for (String name : List.of("clipNorm", "weightDecay")) {
      if (!(t.getDouble(name) >= 0)) {
        report.error(t, name, Message.TRAINING_NON_NEGATIVE, name, t.getDouble(name));
      }
    }
    if (t.getInt("patience") < 0) {
      report.error(t, "patience", Message.TRAINING_NON_NEGATIVE, "patience", t.getInt("patience"));
    }
    for (String name : List.of("momentum", "validationSplit")) {
      double v = t.getDouble(name);
      if (!(v >= 0 && v < 1)) {
        report.error(t, name, Message.TRAINING_FRACTION, name, v);
      }
    }
    if (t.getEnum("optimizer", dev.unroll.dsl.Optimizer.class) == dev.unroll.dsl.Optimizer.NESTEROV
        && !(t.getDouble("momentum") > 0)) {
      report.error(t, "momentum", Message.NESTEROV_MOMENTUM, t.getDouble("momentum"));
    }
    int tbptt = t.getInt("truncatedBptt");
    if (tbptt < 0 || (steps > 0 && tbptt > steps)) {
      report.error(t, "truncatedBptt", Message.TRUNCATED_BPTT, steps, tbptt);
    }
  }

  private void validateName(Annotation model, TypeElement type, ValidationReport.Builder report) {
    String name = generatedName(model, type);
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      report.error(model, "name", Message.NAME_INVALID, name);
      return;
    }
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String qualified = pkg.isEmpty() ? name : pkg + "." + name;
    TypeElement existing = elements.getTypeElement(qualified);
    if (existing != null && !isGeneratedByUs(existing)) {
      report.error(model, "name", Message.NAME_CLASH, qualified, "the existing type " + existing.getQualifiedName());
    }
  }

  /** The generated class's simple name: {@code name} or the annotated class's name plus {@code Net}. */
  static String generatedName(Annotation model, TypeElement type) {
    String name = model.getString("name");
    return name.isEmpty() ? type.getSimpleName() + "Net" : name;
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

  private static String describe(Element element) {
    String kind = element.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    return article + kind + " (" + element.getSimpleName() + ")";
  }
}
