package dev.unroll.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.util.Map;

/**
 * Test support: declares a {@link Seq2SeqSpec} with {@code @EncoderDecoder}, compiles it in memory
 * with the processor and loads the generated network, as a user's build would.
 */
final class Seq2SeqCompiler {
  private Seq2SeqCompiler() {}

  /** A compiled encoder-decoder: the network (parameters zero) and the class files by binary name. */
  record Compiled(EncoderDecoder network, Map<String, byte[]> classes) {}

  /** The annotation declaring {@code spec} (in package {@code s2s}, the generated class named as the spec). */
  static String declaration(Seq2SeqSpec spec) {
    LayerSpec e = spec.encoder().get(0);
    LayerSpec d = spec.decoder().get(0);
    return "package s2s;\n\nimport dev.unroll.dsl.*;\n\n@EncoderDecoder(\n"
        + "    encoder = @Encoder(input = InputKind." + (spec.sourceOneHot() ? "ONE_HOT" : "DENSE") + ", inputSize = "
        + spec.sourceSize() + ", cell = Cell." + e.cell() + ", units = " + e.units() + ", layers = "
        + spec.encoder().size() + ", bidirectional = " + e.bidirectional() + "),\n"
        + "    decoder = @Decoder(vocabulary = " + spec.vocabulary() + ", cell = Cell." + d.cell() + ", units = "
        + d.units() + ", layers = " + spec.decoder().size() + "),\n"
        + "    attention = Attention." + spec.attention()
        + (spec.attentionSize() > 0 ? ", attentionSize = " + spec.attentionSize() : "")
        + ", outputs = " + spec.outputSize() + ", name = \"" + spec.name() + "\")\nclass " + spec.name() + "Model {}\n";
  }

  static Compiled compile(Seq2SeqSpec spec) {
    String source = declaration(spec);
    Compilation compilation = javac().withProcessors(new UnrollProcessor())
        .compile(JavaFileObjects.forSourceString("s2s." + spec.name() + "Model", source));
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("encoder-decoder did not compile:\n" + compilation.diagnostics() + "\n" + source);
    }
    Map<String, byte[]> classes = ModelCompiler.classes(compilation);
    try {
      Class<?> type = ModelCompiler.load(classes, "s2s." + spec.name());
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return new Compiled((EncoderDecoder) constructor.newInstance(), classes);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load s2s." + spec.name() + " from " + classes.keySet(), e);
    }
  }
}
