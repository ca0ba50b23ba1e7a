package dev.unroll.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.unroll.model.HeadSpec;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import java.util.List;

/** Writes the {@link ModelSpec} a generated class carries: the same description the processor built. */
final class SpecWriter {
  private SpecWriter() {}

  static CodeBlock spec(ModelSpec m) {
    CodeBlock.Builder layers = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < m.layers().size(); i++) {
      LayerSpec l = m.layers().get(i);
      layers.add(i == 0 ? "" : ",$W");
      layers.add("new $T($L, $L, $L, $Lf, $Lf$L)", LayerSpec.class, constant(l.cell()), l.units(), l.bidirectional(),
          Float.toString(l.dropout()), Float.toString(l.recurrentDropout()), l.layerNorm() ? ", true" : "");
    }
    layers.add(")");
    HeadSpec head = m.head();
    return CodeBlock.builder()
        .add("new $T(\n", ModelSpec.class)
        .indent().indent()
        .add("$S,\nSTEPS,\n", m.name())
        .add("new $T($L, $L, $L),\n", InputSpec.class, constant(m.input().kind()), m.input().size(),
            m.input().embeddingSize())
        .add("$L,\n", layers.build())
        .add("$L,\n", m.learnedInitialState())
        .add(head.readsCellState() ? "new $T($L, $L, $L, true),\n" : "new $T($L, $L, $L),\n", HeadSpec.class,
            head.size(), constant(head.activation()), constant(head.mode()))
        .add("$L,\n", constant(m.loss()))
        .add("$L,\n", constant(m.initialization()))
        .add("$Lf,\n", Float.toString(m.forgetGateBias()))
        .add(m.conditioned() ? "$L,\n$L)" : "$L$L)", training(m.training()), m.conditioned() ? m.conditionSize() : "")
        .unindent().unindent()
        .build();
  }

  /** {@code new TrainingSpec(...)}, one argument per registered setting, in the registry's order. */
  private static CodeBlock training(TrainingSpec t) {
    CodeBlock.Builder b = CodeBlock.builder().add("new $T(", TrainingSpec.class);
    for (TrainingSetting s : TrainingSetting.values()) {
      b.add(s.ordinal() == 0 ? "" : ", ");
      Object v = t.value(s);
      if (v instanceof Enum<?> e) {
        b.add("$L", constant(e));
      } else if (v instanceof String text) {
        b.add("$S", text);
      } else if (v instanceof Long n) {
        b.add("$LL", n);
      } else {
        b.add("$L", v);
      }
    }
    return b.add(")").build();
  }

  private static CodeBlock constant(Enum<?> e) {
    return CodeBlock.of("$T.$L", ClassName.get(e.getDeclaringClass()), e.name());
  }
}
