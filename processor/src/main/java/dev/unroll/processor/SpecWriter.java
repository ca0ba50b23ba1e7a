package dev.unroll.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** Writes the {@code ModelSpec} expression that describes a model at run time. */
final class SpecWriter {
  private SpecWriter() {}

  static CodeBlock spec(ModelDescription m) {
    CodeBlock.Builder layers = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < m.layers().size(); i++) {
      ModelDescription.Layer l = m.layers().get(i);
      layers.add(i == 0 ? "" : ",$W");
      layers.add("new $T($T.$L, $L, $L, $Lf, $Lf)", RuntimeTypes.LAYER_SPEC, RuntimeTypes.CELL_TYPE, l.cell().name(),
          l.units(), l.bidirectional(), Float.toString(l.dropout()), Float.toString(l.recurrentDropout()));
    }
    layers.add(")");
    ModelDescription.Training t = m.training();
    CodeBlock training = CodeBlock.of("new $T($T.$L, $L, $L, $L, $L, $L, $L, $L, $LL, $S, $L, $L)",
        RuntimeTypes.TRAINING_SPEC, RuntimeTypes.OPTIMIZER_TYPE, t.optimizer().name(), t.learningRate(), t.momentum(),
        t.weightDecay(), t.batchSize(), t.epochs(), t.clipNorm(), t.truncatedBptt(), t.seed(), t.data(),
        t.validationSplit(), t.patience());
    return CodeBlock.builder()
        .add("new $T(\n", RuntimeTypes.MODEL_SPEC)
        .indent().indent()
        .add("$S,\nSTEPS,\n", m.className())
        .add("new $T($T.$L, $L, $L),\n", RuntimeTypes.INPUT_SPEC, RuntimeTypes.INPUT_TYPE, inputType(m),
            m.input().size(), m.input().embeddingSize())
        .add("$L,\n", layers.build())
        .add("$L,\n", m.learnedInitialState())
        .add(m.head().readsCellState() ? "new $T($L, $T.$L, $T.$L, true),\n" : "new $T($L, $T.$L, $T.$L),\n",
            RuntimeTypes.HEAD_SPEC, m.head().size(), RuntimeTypes.HEAD_ACTIVATION, m.head().activation().name(),
            RuntimeTypes.HEAD_MODE, m.head().mode().name())
        .add("$T.$L,\n", RuntimeTypes.LOSS_TYPE, m.loss().name())
        .add("$T.$L,\n", RuntimeTypes.INIT_SCHEME, m.initialization().name())
        .add("$Lf,\n", Float.toString(m.forgetGateBias()))
        .add("$L)", training)
        .unindent().unindent()
        .build();
  }

  private static String inputType(ModelDescription m) {
    return switch (m.input().kind()) {
      case DENSE -> "DENSE";
      case ONE_HOT -> "ONE_HOT";
      case EMBEDDING -> "EMBEDDING";
    };
  }
}
