package dev.unroll.processor;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.HeadState;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.model.HeadSpec;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads a declaration that {@link ModelValidator} found clean into the shared {@link ModelSpec}. */
final class ModelReader {
  private final Elements elements;

  ModelReader(Elements elements) {
    this.elements = elements;
  }

  ModelDescription read(TypeElement type) {
    Annotation m = Annotation.find(type, RecurrentModel.class.getName(), elements);
    GeneratedName name = GeneratedName.of(m, type, elements);
    List<LayerSpec> layers = new ArrayList<>();
    for (Annotation l : m.getAnnotations("layers", elements)) {
      layers.add(new LayerSpec(l.getEnum("cell", Cell.class), l.getInt("units"), l.getBoolean("bidirectional"),
          l.getFloat("dropout"), l.getFloat("recurrentDropout"), l.getBoolean("layerNorm")));
    }
    Annotation input = m.getAnnotation("input", elements);
    Annotation head = m.getAnnotation("head", elements);
    ModelSpec spec = new ModelSpec(
        name.simpleName(),
        m.getInt("steps"),
        new InputSpec(input.getEnum("kind", InputKind.class), input.getInt("size"), input.getInt("embeddingSize")),
        layers,
        m.getEnum("initialState", InitialState.class) == InitialState.LEARNED,
        new HeadSpec(head.getInt("size"), head.getEnum("activation", Activation.class),
            head.getEnum("mode", HeadMode.class), head.getEnum("state", HeadState.class) == HeadState.CELL),
        m.getEnum("loss", Loss.class),
        m.getEnum("initialization", Initialization.class),
        m.getFloat("forgetGateBias"),
        training(m.getAnnotation("training", elements)),
        m.getAnnotation("condition", elements).getInt("size"));
    return new ModelDescription(name.packageName(), type.getQualifiedName().toString(), spec);
  }

  /** Every registered training setting, read from {@code @Training} by its name and type. */
  static TrainingSpec training(Annotation t) {
    Map<TrainingSetting, Object> values = new EnumMap<>(TrainingSetting.class);
    for (TrainingSetting s : TrainingSetting.values()) {
      values.put(s, value(t, s));
    }
    return TrainingSpec.of(values);
  }

  /** One {@code @Training} value, boxed as the registry types it. */
  static Object value(Annotation t, TrainingSetting s) {
    Class<?> type = s.type();
    if (type == double.class) {
      return t.getDouble(s.key());
    } else if (type == int.class) {
      return t.getInt(s.key());
    } else if (type == long.class) {
      return t.getLong(s.key());
    } else if (type == String.class) {
      return t.getString(s.key());
    } else if (type.isEnum()) {
      return enumValue(t, s.key(), type.asSubclass(Enum.class));
    }
    throw new IllegalStateException("training setting " + s.key() + " has an unsupported type " + type);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Annotation t, String key, Class<? extends Enum> type) {
    return t.getEnum(key, (Class) type);
  }
}
