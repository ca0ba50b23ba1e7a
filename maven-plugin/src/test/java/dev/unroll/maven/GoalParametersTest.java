package dev.unroll.maven;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;

/**
 * The parameters each goal hands to the plugin's core (in Maven's JVM or a forked one), by user
 * property, as Maven configures the mojo: the exact map, for the parameters' defaults, for given
 * values, and with {@code -Drnn.<setting>} overrides on the command line.
 */
public class GoalParametersTest extends AbstractMojoTestCase {
  private Path dir;

  @Override
  protected void setUp() throws Exception {
    super.setUp();
    dir = Files.createTempDirectory("rnn-parameters-test");
  }

  @Override
  protected void tearDown() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    super.tearDown();
  }

  /** The mojo of {@code goal}, configured from a POM without configuration, with these user properties. */
  private AbstractRnnMojo mojo(String goal, String... userProperties) throws Exception {
    Path pom = dir.resolve("pom.xml");
    Files.copy(getTestFile("src/test/projects/plain/pom.xml").toPath(), pom);
    Model model;
    try (Reader in = Files.newBufferedReader(pom)) {
      model = new MavenXpp3Reader().read(in);
    }
    MavenProject project = new MavenProject(model);
    project.setFile(pom.toFile());
    project.getBuild().setDirectory(dir.resolve("target").toString());
    project.getBuild().setOutputDirectory(dir.resolve("target/classes").toString());
    MavenSession session = newMavenSession(project);
    for (int i = 0; i < userProperties.length; i += 2) {
      session.getUserProperties().setProperty(userProperties[i], userProperties[i + 1]);
    }
    AbstractRnnMojo mojo = (AbstractRnnMojo) lookupConfiguredMojo(session, newMojoExecution(goal));
    Files.delete(pom);
    return mojo;
  }

  public void testEachGoalKnowsItsName() throws Exception {
    for (String goal : new String[] {"train", "evaluate", "generate", "predict"}) {
      assertEquals(goal, mojo(goal).goal());
    }
  }

  public void testTheDefaultsOfEachGoal() throws Exception {
    assertEquals(Map.of("rnn.force", "false", "rnn.checkpointEvery", "200"), mojo("train").parameters());
    assertEquals(Map.of(), mojo("evaluate").parameters());
    assertEquals(Map.of("rnn.length", "200", "rnn.temperature", "1.0", "rnn.topK", "0", "rnn.samples", "1"),
        mojo("generate").parameters());
    assertEquals(Map.of("rnn.top", "5", "rnn.beam", "1", "rnn.alpha", "1.0"), mojo("predict").parameters());
  }

  public void testTrainSendsEveryGivenParameter() throws Exception {
    AbstractRnnMojo train = mojo("train");
    setVariableValueToObject(train, "selectedModels", "A,B");
    setVariableValueToObject(train, "threads", "2");
    setVariableValueToObject(train, "epochs", "3");
    setVariableValueToObject(train, "force", true);
    setVariableValueToObject(train, "checkpointEvery", 0);
    setVariableValueToObject(train, "fork", "false");
    setVariableValueToObject(train, "skip", false);
    assertEquals(Map.of("rnn.models", "A,B", "rnn.threads", "2", "rnn.epochs", "3", "rnn.force", "true",
        "rnn.checkpointEvery", "0"), train.parameters());
  }

  public void testEvaluateSendsTheModelsAndThreadsButNotSkipTests() throws Exception {
    AbstractRnnMojo evaluate = mojo("evaluate");
    setVariableValueToObject(evaluate, "selectedModels", "A");
    setVariableValueToObject(evaluate, "threads", "1");
    setVariableValueToObject(evaluate, "skipTests", true);
    assertEquals(Map.of("rnn.models", "A", "rnn.threads", "1"), evaluate.parameters());
  }

  public void testGenerateSendsEveryGivenParameter() throws Exception {
    AbstractRnnMojo generate = mojo("generate");
    setVariableValueToObject(generate, "model", "TinyCharNet");
    setVariableValueToObject(generate, "prime", "ROMEO:");
    setVariableValueToObject(generate, "length", 30);
    setVariableValueToObject(generate, "temperature", 0.5);
    setVariableValueToObject(generate, "topK", 3);
    setVariableValueToObject(generate, "seed", 7L);
    setVariableValueToObject(generate, "stop", "\\n");
    setVariableValueToObject(generate, "samples", 2);
    setVariableValueToObject(generate, "condition", "1,0");
    assertEquals(Map.of("rnn.model", "TinyCharNet", "rnn.prime", "ROMEO:", "rnn.length", "30", "rnn.temperature",
        "0.5", "rnn.topK", "3", "rnn.seed", "7", "rnn.stop", "\\n", "rnn.samples", "2", "rnn.condition", "1,0"),
        generate.parameters());
  }

  public void testPredictSendsEveryGivenParameter() throws Exception {
    AbstractRnnMojo predict = mojo("predict");
    setVariableValueToObject(predict, "model", "TinySeriesNet");
    setVariableValueToObject(predict, "input", "in.txt");
    setVariableValueToObject(predict, "top", 2);
    setVariableValueToObject(predict, "beam", 4);
    setVariableValueToObject(predict, "alpha", 0.75);
    setVariableValueToObject(predict, "maxLength", 9);
    assertEquals(Map.of("rnn.model", "TinySeriesNet", "rnn.input", "in.txt", "rnn.top", "2", "rnn.beam", "4",
        "rnn.alpha", "0.75", "rnn.maxLength", "9"), predict.parameters());
  }

  public void testTheKnownPropertiesAreThoseOfEveryGoal() throws Exception {
    assertEquals(List.of("rnn.alpha", "rnn.beam", "rnn.checkpointEvery", "rnn.condition", "rnn.epochs",
        "rnn.export.outputDirectory", "rnn.export.package", "rnn.force", "rnn.fork", "rnn.input", "rnn.length",
        "rnn.maxLength", "rnn.model", "rnn.models", "rnn.prime", "rnn.samples", "rnn.seed", "rnn.skip", "rnn.stop",
        "rnn.temperature", "rnn.threads", "rnn.top", "rnn.topK"),
        List.copyOf(RnnProperties.declared(mojo("train").mojoExecution.getMojoDescriptor().getPluginDescriptor())));
  }

  public void testUserPropertiesReachTheParametersAndTheSettingOverridesOnlyTheModelsGoals() throws Exception {
    String[] properties = {"rnn.epochs", "5", "rnn.learningRate", "0.01", "rnn.seed", "4", "rnn.length", "12",
        "rnn.fork", "false", "rnn.skip", "false", "rnn.unknown", "1"};
    assertEquals(Map.of("rnn.epochs", "5", "rnn.learningRate", "0.01", "rnn.seed", "4", "rnn.force", "false",
        "rnn.checkpointEvery", "200"), mojo("train", properties).parameters());
    assertEquals(Map.of("rnn.epochs", "5", "rnn.learningRate", "0.01", "rnn.seed", "4"),
        mojo("evaluate", properties).parameters());
    assertEquals(Map.of("rnn.length", "12", "rnn.temperature", "1.0", "rnn.topK", "0", "rnn.seed", "4",
        "rnn.samples", "1"), mojo("generate", properties).parameters());
  }
}
