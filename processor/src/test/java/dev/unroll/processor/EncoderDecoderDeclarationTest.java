package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @EncoderDecoder}: every reference case's architecture declared with the annotation
 * generates a class whose description is the case's (so the reference test's network is what the
 * declaration runs), and each invalid declaration is one compile error with its tag, on the line
 * of the value at fault.
 */
class EncoderDecoderDeclarationTest {

  private static final String IMPORTS = "package s2s;\n\n"
      + "import dev.unroll.dsl.*;\n\n";

  private static Compilation compile(String source) {
    return javac().withProcessors(new UnrollProcessor())
        .compile(JavaFileObjects.forSourceString("s2s.Model", source));
  }

  private static String declaration(String body) {
    return IMPORTS + "@EncoderDecoder(\n" + body + ")\nclass Model {}\n";
  }

  /** The annotation arguments that declare a reference case. */
  @SuppressWarnings("unchecked")
  private static String declare(Map<String, Object> c) {
    Map<String, Object> enc = (Map<String, Object>) c.get("encoder");
    Map<String, Object> dec = (Map<String, Object>) c.get("decoder");
    String attention = ((String) c.get("attention")).toUpperCase(Locale.ROOT);
    return "    encoder = @Encoder(inputSize = " + enc.get("input_size") + ", cell = Cell."
        + ((String) enc.get("cell")).toUpperCase(Locale.ROOT) + ", units = " + enc.get("hidden_size") + ", layers = "
        + enc.get("num_layers") + ", bidirectional = " + enc.get("bidirectional") + "),\n"
        + "    decoder = @Decoder(vocabulary = " + dec.get("input_size") + ", cell = Cell."
        + ((String) dec.get("cell")).toUpperCase(Locale.ROOT) + ", units = " + dec.get("hidden_size") + ", layers = "
        + dec.get("num_layers") + "),\n"
        + "    attention = Attention." + attention
        + (c.containsKey("attention_size") ? ", attentionSize = " + c.get("attention_size") : "")
        + ", outputs = " + ((Map<String, Object>) c.get("head")).get("size") + ", name = \"Case_" + c.get("name") + "\"";
  }

  @Test
  void everyReferenceArchitectureDeclaresTheCasesDescription() throws Exception {
    Path dir = ReferenceCases.directory().resolve("seq2seq");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("index.json")).toList()) {
        String name = file.getFileName().toString().replace(".json", "");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(file));
        config.put("name", name);
        Compilation compilation = compile(declaration(declare(config)));
        assertThat(compilation).succeededWithoutWarnings();
        Class<?> generated = load(compilation, "s2s.Case_" + name);
        Seq2SeqSpec spec = (Seq2SeqSpec) generated.getField("SPEC").get(null);
        assertEquals(Seq2SeqReferenceCaseTest.specOf(name, config), spec, name);
        EncoderDecoder net = (EncoderDecoder) generated.getMethod("create", long.class).invoke(null, 7L);
        assertEquals(generated.getField("PARAMETER_COUNT").getInt(null), net.parameters().length, name);
      }
    }
  }

  /** One invalid declaration: annotation arguments, the one error expected, a substring of its line. */
  record Invalid(String body, String error, String line) {
    Invalid(String[] c) {
      this(c[0], c[1], c[2]);
    }

    @Override
    public String toString() {
      return error.substring(0, error.indexOf(']') + 1) + " " + line;
    }
  }

  static Stream<Invalid> invalid() {
    String enc = "    encoder = @Encoder(inputSize = 4, units = 3, bidirectional = true),\n";
    String dec = "    decoder = @Decoder(vocabulary = 6, units = 6),\n";
    return Stream.of(
        new String[] {enc + "    decoder = @Decoder(vocabulary = 6, units = 5),\n    attention = Attention.DOT",
            "[Seq2SeqDotSize] attention DOT scores h_t · e_s, so decoder units (5) must equal the encoder's output width"
                + " E = 2 * encoder units (6); use GENERAL or ADDITIVE, or change the units",
            "attention = Attention.DOT"},
        new String[] {enc + dec + "    attention = Attention.ADDITIVE",
            "[Seq2SeqAttentionSize] attentionSize must be > 0 with ADDITIVE attention, was 0", "@EncoderDecoder("},
        new String[] {enc + dec + "    attention = Attention.GENERAL, attentionSize = 4",
            "[Seq2SeqAttentionSize] attentionSize is only used by ADDITIVE attention (allowed for GENERAL: 0), was 4",
            "attentionSize = 4"},
        new String[] {"    encoder = @Encoder(inputSize = 4, units = 3, cell = Cell.LSTM_PEEPHOLE),\n" + dec
            + "    attention = Attention.NONE",
            "[Seq2SeqCell] encoder cell must be one of LSTM, GRU, RNN_TANH, was LSTM_PEEPHOLE", "Cell.LSTM_PEEPHOLE"},
        new String[] {enc + "    decoder = @Decoder(vocabulary = 6, units = 0),\n    attention = Attention.NONE",
            "[Seq2SeqUnits] decoder units must be > 0, was 0", "units = 0"},
        new String[] {enc + "    decoder = @Decoder(vocabulary = 6, units = 4, layers = 0),\n    attention = Attention.NONE",
            "[Seq2SeqLayers] decoder layers must be > 0, was 0", "layers = 0"},
        new String[] {enc + "    decoder = @Decoder(vocabulary = 0, units = 4),\n    attention = Attention.NONE",
            "[Seq2SeqVocabulary] decoder vocabulary must be > 0, was 0", "vocabulary = 0"},
        new String[] {"    encoder = @Encoder(input = InputKind.EMBEDDING, inputSize = 4, units = 3),\n" + dec
            + "    attention = Attention.NONE",
            "[Seq2SeqInputKind] encoder input must be DENSE or ONE_HOT, was EMBEDDING", "InputKind.EMBEDDING"},
        new String[] {"    encoder = @Encoder(inputSize = 0, units = 3),\n" + dec + "    attention = Attention.NONE",
            "[Seq2SeqInputSize] encoder inputSize must be > 0, was 0", "inputSize = 0"},
        new String[] {enc + dec + "    outputs = -1", "[Seq2SeqOutputs] outputs must be > 0, or 0 for the decoder's"
            + " vocabulary; was -1", "outputs = -1"},
        new String[] {enc + dec + "    name = \"class\"", "[Seq2SeqName] name must be a valid Java identifier, was"
            + " \"class\"", "name = \"class\""}).map(Invalid::new);
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidDeclarationIsOneErrorOnTheValueAtFault(Invalid c) {
    String source = declaration(c.body());
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(c.error()).inFile(compilation.sourceFiles().get(0))
        .onLineContaining(c.line());
  }

  @Test
  void theIndexListsTheGeneratedClassesForTheBuildPlugin() {
    Compilation compilation = compile(declaration("    encoder = @Encoder(inputSize = 3, units = 2),\n"
        + "    decoder = @Decoder(vocabulary = 4, units = 2)"));
    assertThat(compilation).succeededWithoutWarnings();
    // rnn:train finds encoder-decoders through this resource, beside the recurrent models' index.
    assertThat(compilation)
        .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "", UnrollProcessor.ENCODER_DECODER_INDEX)
        .contentsAsUtf8String()
        .isEqualTo("s2s.ModelNet\n");
  }

  @Test
  void onAnInterfaceIsAnError() {
    Compilation compilation = compile(IMPORTS + "@EncoderDecoder(encoder = @Encoder(inputSize = 1, units = 1),"
        + " decoder = @Decoder(vocabulary = 2, units = 1))\ninterface Model {}\n");
    assertThat(compilation).hadErrorContaining("[Seq2SeqNotAClass] @EncoderDecoder must be on a class, was on an"
        + " interface (Model)");
  }

  private static Class<?> load(Compilation compilation, String name) throws ClassNotFoundException {
    return ModelCompiler.load(ModelCompiler.classes(compilation), name);
  }
}
