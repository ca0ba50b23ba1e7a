package dev.unroll.maven.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.RecordingLog;
import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goals run in a forked JVM that has the Vector API module, whatever the JVM that starts them:
 * the child's log reaches the parent's log line by line, its results the parent's output, and
 * its failures become the goal's exceptions.
 */
class ForkedJvmTest {
  @TempDir
  Path dir;

  private static List<Path> classpath() {
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      out.add(Path.of(entry));
    }
    return out;
  }

  @Test
  void trainsGeneratesAndPredictsInAForkedJvmOnTheVectorKernels() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    RecordingLog log = new RecordingLog();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    GoalInvocation train = new GoalInvocation("train", p.layout(), Map.of("rnn.epochs", "1", "rnn.threads", "1"),
        List.of(ModelSettings.of(Map.of("name", "TinyCharNet", "batchSize", "2"))));
    ForkedJvm.run(train, classpath(), p.target.resolve("rnn"), log, out);
    assertTrue(log.contains("[INFO] rnn:train runs in a forked JVM with --add-modules jdk.incubator.vector"), log.text());
    assertTrue(log.contains("[INFO] rnn:train runs the models on the vector (Vector API) kernels"), log.text());
    assertTrue(log.contains("[INFO] Training model TinyCharNet (no trained weights)"), log.text());
    assertTrue(Files.isRegularFile(p.modelDirectory().resolve("TinyCharNet.safetensors")));
    assertFalse(Files.exists(p.target.resolve("rnn/train.invocation.properties")));

    GoalInvocation generate = new GoalInvocation("generate", p.layout(), Map.of("rnn.prime", "ca", "rnn.length",
        "5"), List.of());
    ForkedJvm.run(generate, classpath(), p.target.resolve("rnn"), log, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("ca") && text.strip().length() == 7, text);

    bytes.reset();
    Files.writeString(p.basedir.resolve("inputs.txt"), "the ca\nran\n");
    GoalInvocation predict = new GoalInvocation("predict", p.layout(),
        Map.of("rnn.model", "TinyCharNet", "rnn.input", "inputs.txt", "rnn.top", "2"), List.of());
    ForkedJvm.run(predict, classpath(), p.target.resolve("rnn"), log, out);
    assertEquals(2, bytes.toString(StandardCharsets.UTF_8).strip().split("\\R").length, bytes.toString());
  }

  @Test
  void aConfigurationMistakeInTheChildIsTheGoalsConfigurationException() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    GoalInvocation train = new GoalInvocation("train", p.layout(), Map.of("rnn.learningRate", "-1"), List.of());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> ForkedJvm.run(train, classpath(), p.target.resolve("rnn"), new RecordingLog(), System.out));
    assertEquals("Model TinyCharNet: -Drnn.learningRate is \"-1\", which is not above 0; write a positive number such"
        + " as 0.001", e.getMessage());
  }

  @Test
  void anInvocationSurvivesItsFile() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    GoalInvocation goal = new GoalInvocation("train", p.layout(), Map.of("rnn.seed", "7", "rnn.prime", "a=b\nc"),
        List.of(ModelSettings.of(Map.of("name", "A", "columns", "x,y")), ModelSettings.of(Map.of("name", "B"))));
    Path file = dir.resolve("goal.properties");
    goal.write(file);
    GoalInvocation back = GoalInvocation.read(file);
    assertEquals(goal.goal(), back.goal());
    assertEquals(goal.layout(), back.layout());
    assertEquals(goal.parameters(), back.parameters());
    assertEquals(goal.models().size(), back.models().size());
    for (int i = 0; i < goal.models().size(); i++) {
      assertEquals(goal.models().get(i).values(), back.models().get(i).values());
    }
  }

  @Test
  void relaysTaggedLinesByLevelAndKeepsOtherOutputAsWarnings() {
    RecordingLog log = new RecordingLog();
    assertEquals(null, ForkedJvm.relay(ForkMain.TAG + "INFO two\\nlines", log));
    assertEquals(null, ForkedJvm.relay(ForkMain.TAG + "WARN careful", log));
    assertEquals(null, ForkedJvm.relay(ForkMain.TAG + "DEBUG detail", log));
    assertEquals(null, ForkedJvm.relay("WARNING: Using incubator modules: jdk.incubator.vector", log));
    assertEquals(null, ForkedJvm.relay("Exception in thread \"main\"", log));
    assertEquals("bad\\path", ForkedJvm.relay(ForkMain.TAG + "FAIL " + ForkMain.escape("bad\\path"), log));
    assertEquals(List.of("[INFO] two\nlines", "[WARNING] careful", "[DEBUG] detail",
        "[WARNING] Exception in thread \"main\""), log.lines);
  }

  @Test
  void forksWhenAskedOrWhenTheModuleIsMissing() {
    assertTrue(ForkedJvm.wanted("true"));
    assertFalse(ForkedJvm.wanted("false"));
    // The tests run with the module, so auto stays in this JVM.
    assertFalse(ForkedJvm.wanted("auto"));
    assertFalse(ForkedJvm.wanted(null));
    assertThrows(ConfigurationException.class, () -> ForkedJvm.wanted("sometimes"));
  }
}
