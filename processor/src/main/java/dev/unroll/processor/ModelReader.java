package dev.unroll.processor;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.HeadState;
import dev.unroll.dsl.InitialState;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.RecurrentModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Builds the {@link ModelDescription} of a declaration that {@link ModelValidator} found clean. */
final class ModelReader {
  private final Elements elements;

  ModelReader(Elements elements) {
    this.elements = elements;
  }

  ModelDescription read(TypeElement type) {
    Annotation m = Annotation.find(type, RecurrentModel.class.getName(), elements);
    List<ModelDescription.Layer> layers = new ArrayList<>();
    for (Annotation l : m.getAnnotations("layers", elements)) {
      layers.add(new ModelDescription.Layer(l.getEnum("cell", Cell.class), l.getInt("units"),
          l.getBoolean("bidirectional"), l.getFloat("dropout"), l.getFloat("recurrentDropout")));
    }
    Annotation input = m.getAnnotation("input", elements);
    Annotation head = m.getAnnotation("head", elements);
    Annotation t = m.getAnnotation("training", elements);
    return new ModelDescription(
        elements.getPackageOf(type).getQualifiedName().toString(),
        ModelValidator.generatedName(m, type),
        type.getQualifiedName().toString(),
        m.getInt("steps"),
        new ModelDescription.Input(input.getEnum("kind", InputKind.class), input.getInt("size"), input.getInt("embeddingSize")),
        layers,
        m.getEnum("initialState", InitialState.class) == InitialState.LEARNED,
        new ModelDescription.Head(head.getInt("size"), head.getEnum("activation", Activation.class),
            head.getEnum("mode", HeadMode.class), head.getEnum("state", HeadState.class) == HeadState.CELL),
        m.getEnum("loss", Loss.class),
        m.getEnum("initialization", Initialization.class),
        m.getFloat("forgetGateBias"),
        new ModelDescription.Training(
            t.getEnum("optimizer", Optimizer.class), t.getDouble("learningRate"), t.getDouble("momentum"),
            t.getDouble("weightDecay"), t.getInt("batchSize"), t.getInt("epochs"), t.getDouble("clipNorm"),
            t.getInt("truncatedBptt"), t.getLong("seed"), t.getString("data"), t.getDouble("validationSplit"),
            t.getInt("patience")));
  }
}
