package dev.unroll.maven;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;

/**
 * The Mojos as Maven configures them: from a test POM's {@code <configuration>} (nested
 * {@code <models><model>} elements included) and their parameters' defaults and expressions, run
 * on a project in a temporary directory whose model index lists the test models.
 */
public class MojoHarnessTest extends AbstractMojoTestCase {
  private Path dir;
  private TestProject project;

  @Override
  protected void setUp() throws Exception {
    super.setUp();
    dir = Files.createTempDirectory("rnn-mojo-test");
    project = new TestProject(dir, "TinySeriesNet", "TinyCharNet");
  }

  @Override
  protected void tearDown() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    super.tearDown();
  }

  /** The mojo of {@code goal}, configured from {@code src/test/projects/<name>/pom.xml} for a fresh test project. */
  private Mojo mojo(String name, String goal) throws Exception {
    Path pom = dir.resolve("pom.xml");
    Files.copy(getTestFile("src/test/projects/" + name + "/pom.xml").toPath(), pom,
        StandardCopyOption.REPLACE_EXISTING);
    Model model;
    try (Reader in = Files.newBufferedReader(pom)) {
      model = new MavenXpp3Reader().read(in);
    }
    MavenProject maven = new MavenProject(model);
    maven.setFile(pom.toFile());
    maven.getBuild().setDirectory(project.target.toString());
    maven.getBuild().setOutputDirectory(project.classes.toString());
    MavenSession session = newMavenSession(maven);
    MojoExecution execution = newMojoExecution(goal);
    return lookupConfiguredMojo(session, execution);
  }

  private Path weights() {
    return dir.resolve("target/classes/dev/unroll/maven/models/TinySeriesNet.safetensors");
  }

  public void testTrainReadsTheNestedModelConfigurationAndWritesArtifacts() throws Exception {
    Mojo train = mojo("train", "train");
    assertTrue(train instanceof TrainMojo);
    train.execute();
    assertTrue(Files.isRegularFile(weights()));
    String card = Files.readString(dir.resolve("target/classes/dev/unroll/maven/models/TinySeriesNet.card.json"));
    assertTrue(card, card.contains("\"epochs\":1,"));
    assertTrue(card, card.contains("\"pluginVersion\":\"0.1.0-SNAPSHOT\""));
    assertTrue(Files.isRegularFile(dir.resolve("target/rnn-reports/TinySeriesNet.html")));

    Mojo evaluate = mojo("train", "evaluate");
    evaluate.execute();
  }

  public void testEvaluateFailsTheBuildWithTheFigureAndTheThreshold() throws Exception {
    mojo("gate", "train").execute();
    try {
      mojo("gate", "evaluate").execute();
      fail("the gate should fail");
    } catch (MojoFailureException e) {
      assertTrue(e.getMessage(), e.getMessage().matches("Model TinySeriesNet: mae \\d+\\.\\d{3} is above maxMae 0\\.001"));
    }
  }

  public void testAThresholdOfTheWrongTypeIsOneClearLine() throws Exception {
    try {
      mojo("bad-threshold", "train").execute();
      fail("a malformed threshold should fail");
    } catch (MojoExecutionException e) {
      assertEquals("Model TinySeriesNet: <maxMae> is \"high\", which is not a number; write a decimal number such as"
          + " 0.85", e.getMessage());
    }
    assertFalse("nothing was trained", Files.exists(weights()));
  }

  public void testSkipDoesNothing() throws Exception {
    mojo("skip", "train").execute();
    assertFalse(Files.exists(weights()));
  }

  public void testGeneratePrintsTextFromTheTrainedModel() throws Exception {
    // Maven passes a goal only the plugin-level settings it declares; the harness passes all, so this POM has none.
    Mojo generate = mojo("plain", "generate");
    setVariableValueToObject(generate, "model", "TinyCharNet");
    setVariableValueToObject(generate, "prime", "the ");
    setVariableValueToObject(generate, "length", 30);
    setVariableValueToObject(generate, "seed", 3L);
    try {
      generate.execute();
      fail("TinyCharNet is not trained yet");
    } catch (MojoExecutionException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("Model TinyCharNet: no trained weights on the classpath"));
    }
    mojo("plain", "train").execute();
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      generate.execute();
    } finally {
      System.setOut(original);
    }
    // The harness logs to standard output too: first the kernels line, then the text.
    String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\\R");
    assertTrue(lines[0], lines[0].endsWith("rnn:generate runs the models on the vector (Vector API) kernels"));
    String text = lines[lines.length - 1];
    assertTrue(text, text.startsWith("the "));
    assertEquals(34, text.length());
  }
}
