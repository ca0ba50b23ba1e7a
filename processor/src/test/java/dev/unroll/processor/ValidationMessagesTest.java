package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation error of {@link Message} about {@code @RecurrentModel} (tag {@code Rnn...}):
 * each case compiles a small declaration with exactly one mistake and checks that the processor
 * reports exactly that error, with its tag and useful text, in the right file and on the line of
 * the offending annotation value.
 */
class ValidationMessagesTest {

  /**
   * One invalid declaration: the {@link Message} it exercises, the sources to compile, and the one
   * error expected (text, file, and a substring of the line it must point at).
   */
  record Case(String title, Message message, List<JavaFileObject> sources, JavaFileObject file, String error, String line) {
    @Override
    public String toString() {
      return title;
    }
  }

  static Stream<Case> cases() {
    return Stream.concat(layerNormAndConditionCases(), Stream.of(
        // where the annotation may stand: @Target(TYPE) lets it onto interfaces, enums and records
        onType("on an interface", "public interface Model {}",
            "[RnnNotAClass] @RecurrentModel must be on a class, was on an interface (Model)", "interface Model"),
        onType("on an enum", "public enum Model { A }",
            "[RnnNotAClass] @RecurrentModel must be on a class, was on an enum (Model)", "enum Model"),
        onType("on a record", "public record Model(int x) {}",
            "[RnnNotAClass] @RecurrentModel must be on a class, was on a record (Model)", "record Model"),
        onType("on an annotation type", "public @interface Model {}",
            "[RnnNotAClass] @RecurrentModel must be on a class, was on an annotation type (Model)", "@interface Model"),
        // steps and input
        single("steps = 0", Message.STEPS, "[RnnSteps] steps must be > 0, was 0", "steps = 0"),
        single("input size 0", Message.INPUT_SIZE, "[RnnInputSize] input size must be > 0, was 0",
            "input = @Input(kind = InputKind.DENSE, size = 0)"),
        single("EMBEDDING without embeddingSize", Message.EMBEDDING_SIZE,
            "[RnnEmbeddingSize] embeddingSize must be > 0 for an EMBEDDING input, was 0",
            "input = @Input(kind = InputKind.EMBEDDING, size = 7)"),
        single("embeddingSize with ONE_HOT", Message.EMBEDDING_SIZE_UNUSED,
            "[RnnEmbeddingSize] embeddingSize is only allowed with kind EMBEDDING (allowed for ONE_HOT: 0), was 8",
            "input = @Input(kind = InputKind.ONE_HOT, size = 7, embeddingSize = 8)"),
        // layers
        single("layers = {}", Message.NO_LAYERS,
            "[RnnNoLayers] a model needs at least one layer: layers = {@Layer(cell = ..., units = ...)}",
            "layers = {}"),
        single("units = 0 on the second layer", Message.UNITS, "[RnnUnits] units must be > 0, was 0",
            "layers = {\n"
                + "        @Layer(cell = Cell.LSTM, units = 5),\n"
                + "        @Layer(cell = Cell.GRU, units = 0)\n"
                + "    }",
            "units = 0"),
        single("dropout = 1.0f", Message.DROPOUT, "[RnnDropout] dropout must be in [0, 1), was 1.0",
            "layers = {\n"
                + "        @Layer(cell = Cell.LSTM, units = 5,\n"
                + "            dropout = 1.0f)\n"
                + "    }",
            "dropout = 1.0f"),
        single("recurrentDropout = -0.1f", Message.DROPOUT, "[RnnDropout] recurrentDropout must be in [0, 1), was -0.1",
            "layers = {\n"
                + "        @Layer(cell = Cell.LSTM, units = 5,\n"
                + "            recurrentDropout = -0.1f)\n"
                + "    }",
            "recurrentDropout = -0.1f"),
        single("LEARNED initial state with different units", Message.LEARNED_STATE_UNITS,
            "[RnnLearnedStateUnits] initialState LEARNED stores h0 as one [layers * directions, H] tensor, so every"
                + " layer needs the same units; layer 1 has 6, layer 0 has 5",
            "layers = {\n"
                + "        @Layer(cell = Cell.LSTM, units = 5),\n"
                + "        @Layer(cell = Cell.LSTM, units = 6)\n"
                + "    }",
            "units = 6",
            "initialState = InitialState.LEARNED"),
        // head and loss
        single("head size 0", Message.HEAD_SIZE, "[RnnHeadSize] head size must be > 0, was 0",
            "head = @Head(size = 0, activation = Activation.SOFTMAX)"),
        single("SOFTMAX with size 1", Message.SOFTMAX_SIZE, "[RnnHeadSize] a SOFTMAX head needs at least 2 classes, was 1",
            "head = @Head(size = 1, activation = Activation.SOFTMAX)"),
        single("CROSS_ENTROPY with LINEAR", Message.LOSS_ACTIVATION,
            "[RnnLossActivation] loss CROSS_ENTROPY needs head activation SOFTMAX, was LINEAR",
            "loss = Loss.CROSS_ENTROPY", "loss = Loss.CROSS_ENTROPY", "head = @Head(size = 2, activation = Activation.LINEAR)"),
        single("MSE with SOFTMAX", Message.LOSS_ACTIVATION,
            "[RnnLossActivation] loss MSE needs head activation LINEAR, was SOFTMAX", "loss = Loss.MSE"),
        single("BINARY_CROSS_ENTROPY with LINEAR", Message.LOSS_ACTIVATION,
            "[RnnLossActivation] loss BINARY_CROSS_ENTROPY needs head activation SIGMOID, was LINEAR",
            "loss = Loss.BINARY_CROSS_ENTROPY", "loss = Loss.BINARY_CROSS_ENTROPY",
            "head = @Head(size = 2, activation = Activation.LINEAR)"),
        // training
        training("learningRate = 0", Message.TRAINING_POSITIVE, "[RnnTraining] training.learningRate must be > 0, was 0.0"),
        training("batchSize = 0", Message.TRAINING_POSITIVE, "[RnnTraining] training.batchSize must be > 0, was 0"),
        training("epochs = 0", Message.TRAINING_POSITIVE, "[RnnTraining] training.epochs must be > 0, was 0"),
        training("clipNorm = -1", Message.TRAINING_NON_NEGATIVE, "[RnnTraining] training.clipNorm must be >= 0, was -1.0"),
        training("weightDecay = -1", Message.TRAINING_NON_NEGATIVE,
            "[RnnTraining] training.weightDecay must be >= 0, was -1.0"),
        training("patience = -1", Message.TRAINING_NON_NEGATIVE, "[RnnTraining] training.patience must be >= 0, was -1"),
        training("momentum = 1.0", Message.TRAINING_FRACTION, "[RnnTraining] training.momentum must be in [0, 1), was 1.0"),
        training("validationSplit = 1.0", Message.TRAINING_FRACTION,
            "[RnnTraining] training.validationSplit must be in [0, 1), was 1.0"),
        single("training NESTEROV with momentum = 0", Message.NESTEROV_MOMENTUM,
            "[RnnTraining] training.optimizer NESTEROV needs training.momentum > 0, was 0.0",
            "training = @Training(\n        optimizer = Optimizer.NESTEROV,\n        momentum = 0)", "momentum = 0"),
        training("truncatedBptt = 5", Message.TRUNCATED_BPTT,
            "[RnnTruncatedBptt] training.truncatedBptt must be in [0, steps = 4] (0 means steps), was 5"),
        training("truncatedBptt = -1", Message.TRUNCATED_BPTT,
            "[RnnTruncatedBptt] training.truncatedBptt must be in [0, steps = 4] (0 means steps), was -1"),
        single("head state CELL on a GRU", Message.HEAD_STATE,
            "[RnnHeadState] head state CELL reads the LSTM cell state, which a GRU top layer does not have;"
                + " allowed: state = HIDDEN, or an LSTM or LSTM_PEEPHOLE top layer with mode = MANY_TO_ONE",
            "head = @Head(size = 2, activation = Activation.SOFTMAX, mode = HeadMode.MANY_TO_ONE, state = HeadState.CELL)",
            "head = @Head", "layers = @Layer(cell = Cell.GRU, units = 5)"),
        single("head state CELL at every step", Message.HEAD_STATE,
            "[RnnHeadState] head state CELL reads the LSTM cell state, which exists only as the end state, not at"
                + " every step (MANY_TO_MANY); allowed: state = HIDDEN, or an LSTM or LSTM_PEEPHOLE top layer with"
                + " mode = MANY_TO_ONE",
            "head = @Head(size = 2, activation = Activation.SOFTMAX, state = HeadState.CELL)"),
        training("learningRate = Double.POSITIVE_INFINITY", Message.NOT_FINITE,
            "[RnnNotFinite] training.learningRate must be a finite number, was Infinity"),
        single("forgetGateBias NaN", Message.NOT_FINITE, "[RnnNotFinite] forgetGateBias must be a finite number, was NaN",
            "forgetGateBias = Float.NaN"),
        // 4 * 30000 * (3 + 30000) LSTM weights + 8 * 30000 biases + a head of 2 * 30000 + 2
        single("too many parameters for one float[]", Message.TOO_LARGE,
            "[RnnTooLarge] the model has 3600660002 parameters; at most 2147483639 fit in one float[]:"
                + " use fewer or smaller layers",
            "layers = @Layer(cell = Cell.LSTM, units = 30000)"),
        // 3 * (2^31 - 1) * (2^31 - 1) recurrent weights alone are past every long: no wrap-around to -6
        single("a parameter count past Long.MAX_VALUE", Message.TOO_LARGE,
            "[RnnTooLarge] the model has more than 9223372036854775806 parameters; at most 2147483639 fit in one"
                + " float[]: use fewer or smaller layers",
            "layers = @Layer(cell = Cell.GRU, units = 2147483647)"),
        // 20000 LSTM units fit one parameter array, but 100000 steps of 4 * 20000 gate rows do not fit a buffer
        single("a pass buffer too large for one float[]", Message.BUFFER_TOO_LARGE,
            "[RnnTooLarge] a pass over one sequence of 100000 steps needs buffers of 8000000000 floats (steps * the"
                + " widest row, 80000); at most 2147483639 fit in one float[]: use fewer steps or smaller layers",
            "steps = 100000", "steps = 100000", "layers = @Layer(cell = Cell.LSTM, units = 20000)"),
        // the generated class's name
        single("name \"2bad\"", Message.NAME_INVALID, "[RnnName] name must be a valid Java identifier, was \"2bad\"",
            "name = \"2bad\""),
        single("name \"class\"", Message.NAME_INVALID, "[RnnName] name must be a valid Java identifier, was \"class\"",
            "name = \"class\""),
        nameClash()));
  }

  /** {@code @Layer(layerNorm = ...)} and {@code initialState = CONDITIONED} (issue 10). */
  static Stream<Case> layerNormAndConditionCases() {
    return Stream.of(
        single("layerNorm on an RNN_RELU layer", Message.LAYER_NORM_CELL,
            "[RnnLayerNorm] layerNorm is not supported by RNN_RELU cells; allowed: LSTM, GRU, RNN_TANH (or layerNorm = false)",
            "layers = @Layer(cell = Cell.RNN_RELU, units = 5,\n        layerNorm = true)", "layerNorm = true"),
        single("layerNorm on an LSTM_PEEPHOLE layer", Message.LAYER_NORM_CELL,
            "[RnnLayerNorm] layerNorm is not supported by LSTM_PEEPHOLE cells",
            "layers = @Layer(cell = Cell.LSTM_PEEPHOLE, units = 5,\n        layerNorm = true)", "layerNorm = true"),
        single("CONDITIONED without a condition", Message.CONDITION_SIZE,
            "[RnnCondition] initialState CONDITIONED needs the feature vector's size: condition = @Condition(size = F)"
                + " with F > 0, was 0",
            "initialState = InitialState.CONDITIONED"),
        single("CONDITIONED with size 0", Message.CONDITION_SIZE,
            "[RnnCondition] initialState CONDITIONED needs the feature vector's size",
            "initialState = InitialState.CONDITIONED,\n    condition = @Condition(size = 0)", "size = 0"),
        single("a condition without CONDITIONED", Message.CONDITION_UNUSED,
            "[RnnCondition] condition is only allowed with initialState = CONDITIONED (allowed for ZEROS: size = 0), was size = 3",
            "condition = @Condition(size = 3)"),
        single("CONDITIONED with different units", Message.CONDITIONED_STATE_UNITS,
            "[RnnConditionedStateUnits] initialState CONDITIONED computes h0 as one [layers * directions * H] vector,"
                + " so every layer needs the same units; layer 1 has 6, layer 0 has 5",
            "layers = {\n"
                + "        @Layer(cell = Cell.GRU, units = 5),\n"
                + "        @Layer(cell = Cell.GRU, units = 6)\n"
                + "    }",
            "units = 6",
            "initialState = InitialState.CONDITIONED, condition = @Condition(size = 2)"));
  }

  /**
   * Also shows that the processor never throws out of {@code process}: compile-testing would
   * rethrow that as a RuntimeException from {@code compile()}; instead every case fails through
   * our diagnostic alone, never an internal error.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyThisError(Case c) {
    Compilation compilation = compile(c.sources());
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String text = d.getMessage(Locale.ROOT);
      assertTrue(text.startsWith("[Rnn"), "an error that is not ours: " + text);
      assertFalse(text.startsWith("[RnnInternal]"), text);
    }
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(c.error()).inFile(c.file()).onLineContaining(c.line());
  }

  @Test
  void everyValidationMessageHasACase() {
    Set<Message> covered = cases().map(Case::message).collect(Collectors.toCollection(() -> EnumSet.noneOf(Message.class)));
    Set<Message> expected = EnumSet.allOf(Message.class);
    expected.removeIf(m -> !m.tag().startsWith("Rnn") || m == Message.INTERNAL);
    assertEquals(expected, covered);
  }

  @Test
  void twoModelsGeneratingTheSameClassNameClash() {
    JavaFileObject first = source("test.First", "name = \"Same\"");
    JavaFileObject second = source("test.Second", "name = \"Same\"");
    Compilation compilation = compile(List.of(first, second));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[RnnNameClash] generated class test.Same would clash with another @RecurrentModel in this compilation")
        .inFile(second)
        .onLineContaining("public class Second");
  }

  @Test
  void severalMistakesAreReportedAtOnce() {
    JavaFileObject model = source("test.Model",
        "steps = 0",
        "input = @Input(kind = InputKind.DENSE, size = -3)",
        "layers = {\n"
            + "        @Layer(cell = Cell.LSTM, units = 0, dropout = 2f)\n"
            + "    }",
        "head = @Head(size = 2, activation = Activation.SIGMOID)",
        "training = @Training(learningRate = -1, epochs = 0)",
        "name = \"not valid\"");
    Compilation compilation = compile(List.of(model));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[RnnSteps]").inFile(model).onLineContaining("steps = 0");
    assertThat(compilation).hadErrorContaining("[RnnInputSize]").inFile(model).onLineContaining("size = -3");
    assertThat(compilation).hadErrorContaining("[RnnUnits]").inFile(model).onLineContaining("units = 0");
    assertThat(compilation).hadErrorContaining("[RnnDropout] dropout").inFile(model).onLineContaining("units = 0");
    assertThat(compilation).hadErrorContaining("[RnnLossActivation]").inFile(model).onLineContaining("loss = Loss");
    assertThat(compilation).hadErrorContaining("training.learningRate").inFile(model).onLineContaining("training =");
    assertThat(compilation).hadErrorContaining("training.epochs").inFile(model).onLineContaining("training =");
    assertThat(compilation).hadErrorContaining("[RnnName]").inFile(model).onLineContaining("name = \"not valid\"");
    assertThat(compilation).hadErrorCount(8);
  }

  @Test
  void validModelCompilesWithoutWarnings() {
    JavaFileObject model = source("test.Model",
        "layers = {\n"
            + "        @Layer(cell = Cell.LSTM, units = 5, bidirectional = true, dropout = 0.25f),\n"
            + "        @Layer(cell = Cell.GRU, units = 5, recurrentDropout = 0.5f)\n"
            + "    }",
        "initialState = InitialState.LEARNED",
        "training = @Training(optimizer = Optimizer.SGD, momentum = 0, truncatedBptt = 4, patience = 3)");
    Compilation compilation = compile(List.of(model));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ModelNet");
  }

  // ---------------------------------------------------------------------------------------------

  private static Compilation compile(List<JavaFileObject> sources) {
    return javac().withProcessors(new UnrollProcessor()).compile(sources);
  }

  /** The members of a small valid model, one a line, each keyed by the name before {@code =}. */
  /** An unresolved value is javac's error alone: the processor adds nothing and does not crash. */
  @Test
  void unresolvedValueIsLeftToJavac() {
    JavaFileObject file = source("test.Model", "steps = NOPE");
    Compilation compilation = javac().withProcessors(new UnrollProcessor()).compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertTrue(compilation.errors().stream().noneMatch(d -> d.getMessage(Locale.ROOT).contains("[Rnn")),
        compilation.errors().toString());
  }

  private static final List<String> VALID = List.of(
      "steps = 4",
      "input = @Input(kind = InputKind.DENSE, size = 3)",
      "layers = {\n        @Layer(cell = Cell.LSTM, units = 5)\n    }",
      "head = @Head(size = 2, activation = Activation.SOFTMAX)",
      "loss = Loss.CROSS_ENTROPY");

  /**
   * A declaration of class {@code qualifiedName}: the valid model with each given member replacing
   * the one of the same name (or added), one member a line.
   */
  static JavaFileObject source(String qualifiedName, String... members) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String m : VALID) {
      byName.put(key(m), m);
    }
    for (String m : members) {
      byName.put(key(m), m);
    }
    int dot = qualifiedName.lastIndexOf('.');
    return JavaFileObjects.forSourceString(qualifiedName, "package " + qualifiedName.substring(0, dot) + ";\n"
        + "\n"
        + "import dev.unroll.dsl.*;\n"
        + "\n"
        + "@RecurrentModel(\n"
        + "    " + String.join(",\n    ", byName.values()) + ")\n"
        + "public class " + qualifiedName.substring(dot + 1) + " {}\n");
  }

  private static String key(String member) {
    return member.substring(0, member.indexOf('=')).trim();
  }

  /** A case with one member changed; the error must be on the line containing {@code line}. */
  private static Case single(String title, Message message, String error, String member, String line, String... more) {
    String[] members = new String[more.length + 1];
    members[0] = member;
    System.arraycopy(more, 0, members, 1, more.length);
    JavaFileObject file = source("test.Model", members);
    return new Case(title, message, List.of(file), file, error, line);
  }

  /** A case whose offending member is on one line, the line the error must point at. */
  private static Case single(String title, Message message, String error, String member) {
    return single(title, message, error, member, member);
  }

  private static Case training(String value, Message message, String error) {
    return single("training " + value, message, error,
        "training = @Training(\n        seed = 7,\n        " + value + ")", value);
  }

  private static Case onType(String title, String declaration, String error, String line) {
    JavaFileObject file = JavaFileObjects.forSourceString("test.Model", "package test;\n"
        + "\n"
        + "import dev.unroll.dsl.*;\n"
        + "\n"
        + "@RecurrentModel(steps = 4, input = @Input(size = 3), layers = @Layer(cell = Cell.LSTM, units = 5),\n"
        + "    head = @Head(size = 2, activation = Activation.SOFTMAX), loss = Loss.CROSS_ENTROPY)\n"
        + declaration + "\n");
    return new Case(title, Message.NOT_A_CLASS, List.of(file), file, error, line);
  }

  private static Case nameClash() {
    JavaFileObject taken = JavaFileObjects.forSourceString("test.Taken", "package test;\n\npublic class Taken {}\n");
    JavaFileObject model = source("test.Model", "name = \"Taken\"");
    return new Case("name clashes with an existing class", Message.NAME_CLASH, List.of(taken, model), model,
        "[RnnNameClash] generated class test.Taken would clash with the existing type test.Taken;"
            + " choose another name with @RecurrentModel(name = ...)",
        "name = \"Taken\"");
  }
}
