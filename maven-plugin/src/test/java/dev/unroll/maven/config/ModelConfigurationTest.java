package dev.unroll.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Optimizer;
import dev.unroll.maven.TestProject;
import dev.unroll.maven.data.DataFormat;
import dev.unroll.maven.evaluate.Threshold;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.training.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layered configuration: annotation defaults, then the POM, then -Drnn.* properties; every mistake in one line. */
class ModelConfigurationTest {
  @TempDir
  Path dir;

  TestProject project;
  List<DiscoveredModel> models;

  @BeforeEach
  void setUp() throws IOException {
    project = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    models = List.of(project.model("TinyCharNet"), project.model("TinySeriesNet"));
  }

  private ModelPlan plan(String model, Map<String, String> settings, Overrides overrides) {
    return ModelConfiguration.plan(project.model(model), ModelSettings.of(settings), overrides, project.layout());
  }

  private String error(String model, Map<String, String> settings) {
    return assertThrows(ConfigurationException.class, () -> plan(model, settings, Overrides.none())).getMessage();
  }

  @Test
  void annotationDefaultsApplyWhenThePomSaysNothing() {
    ModelPlan p = plan("TinyCharNet", Map.of(), Overrides.none());
    TrainingSpec t = p.training().spec();
    assertEquals(2, t.epochs());
    assertEquals(4, t.batchSize());
    assertEquals(0.02, t.learningRate());
    assertEquals(1, t.seed());
    assertEquals(0.1, t.validationSplit());
    assertEquals(Optimizer.ADAM, t.optimizer());
    assertEquals(Runtime.getRuntime().availableProcessors(), p.training().threads());
    assertEquals(dir.resolve("data/tiny.txt"), p.data().data());
    assertEquals("@Training(data)", p.data().dataSetting());
    assertEquals(DataFormat.TEXT, p.data().format());
    assertTrue(p.gate().isEmpty());
    assertFalse(p.skipped());
  }

  @Test
  void thePomOverridesTheAnnotationAndPropertiesOverrideThePom() {
    Map<String, String> pom = Map.of("epochs", "7", "threads", "3", "batchSize", "2", "learningRate", "0.5",
        "seed", "99", "validationSplit", "0.25", "patience", "2", "clipNorm", "1.5", "data", "other/x.txt");
    ModelPlan p = plan("TinyCharNet", pom, Overrides.none());
    assertEquals(7, p.training().spec().epochs());
    assertEquals(3, p.training().threads());
    assertEquals(dir.resolve("other/x.txt"), p.data().data());
    assertEquals("<data>", p.data().dataSetting());

    ModelPlan q = plan("TinyCharNet", pom, new Overrides(1, 2, List.of(), false));
    assertEquals(1, q.training().spec().epochs());
    assertEquals(2, q.training().threads());
    assertEquals(2, q.training().spec().batchSize(), "only epochs and threads have properties");

    TrainingConfig c = q.training().toConfig(project.model("TinyCharNet").spec());
    assertEquals(1, c.declared().epochs());
    assertEquals(2, c.declared().batchSize());
    assertEquals(0.5, c.declared().learningRate());
    assertEquals(99, c.declared().seed());
    assertEquals(0.25, c.declared().validationSplit());
    assertEquals(2, c.declared().patience());
    assertEquals(1.5, c.declared().clipNorm());
    assertEquals(2, c.threads());
  }

  @Test
  void malformedNumbersNameTheModelTheSettingAndTheFix() {
    assertEquals("Model TinyCharNet: <epochs> is \"ten\", which is not a whole number; write a whole number such as 10",
        error("TinyCharNet", Map.of("epochs", "ten")));
    assertEquals("Model TinyCharNet: <batchSize> is \"0\", which is below 1; write a whole number of at least 1",
        error("TinyCharNet", Map.of("batchSize", "0")));
    assertEquals("Model TinyCharNet: <validationSplit> is \"1.5\", which is not in [0, 1); write a fraction such as"
        + " 0.1", error("TinyCharNet", Map.of("validationSplit", "1.5")));
    assertEquals("Model TinyCharNet: <learningRate> is \"-1\", which is not above 0; write a positive number such as"
        + " 0.001", error("TinyCharNet", Map.of("learningRate", "-1")));
    assertEquals("Model TinyCharNet: <skip> is \"maybe\", which is neither true nor false; write true or false",
        error("TinyCharNet", Map.of("skip", "maybe")));
    assertEquals("Model TinyCharNet: <weightDecay> is \"-0.5\", which is negative; write 0 or a positive number",
        error("TinyCharNet", Map.of("weightDecay", "-0.5")));
    assertEquals("Model TinyCharNet: <momentum> is \"1\", which is not in [0, 1); write a fraction such as 0.1",
        error("TinyCharNet", Map.of("momentum", "1")));
    assertEquals("Model TinyCharNet: <optimizer> is \"LBFGS\", which is not one of [SGD, NESTEROV, ADAM, ADAMW,"
        + " RMSPROP]; write one of them", error("TinyCharNet", Map.of("optimizer", "LBFGS")));
    assertEquals("Model TinyCharNet: training setting optimizer NESTEROV needs momentum > 0, was 0.0; change"
        + " <optimizer> or <momentum>", error("TinyCharNet", Map.of("optimizer", "nesterov", "momentum", "0")));
    assertEquals("-Drnn.epochs=0 must be > 0, was 0",
        assertThrows(ConfigurationException.class, () -> Overrides.parse("0", null, null, false)).getMessage());
  }

  /** Every registered training setting is a POM element, resolved into the shared settings. */
  @Test
  void everyTrainingSettingIsAPomElement() {
    for (String key : TrainingSetting.keys()) {
      assertTrue(ModelSettings.NAMES.contains(key), key);
    }
    ModelPlan p = plan("TinyCharNet", Map.of("optimizer", "sgd", "momentum", "0.5", "weightDecay", "0.01"),
        Overrides.none());
    TrainingConfig c = p.training().toConfig(project.model("TinyCharNet").spec());
    assertEquals(Optimizer.SGD, c.declared().optimizer());
    assertEquals(0.5, c.settings().momentum());
    assertEquals(0.01, c.settings().weightDecay());
  }

  @Test
  void thresholdsOfTheWrongTypeOrKindAreRejected() {
    assertEquals("Model TinyCharNet: <minAccuracy> is \"high\", which is not a number; write a decimal number such"
        + " as 0.85", error("TinyCharNet", Map.of("minAccuracy", "high")));
    assertEquals("Model TinySeriesNet: <minAccuracy> does not apply to a model trained with MSE loss, which has no"
        + " accuracy; use <maxMae>, <maxRmse> or <maxLoss>", error("TinySeriesNet", Map.of("minAccuracy", "0.5")));
    assertEquals("Model TinyCharNet: <maxMae> does not apply to a model trained with CROSS_ENTROPY loss, which has"
        + " no mae; use <minAccuracy>, <maxBitsPerSymbol>, <maxPerplexity> or <maxLoss>",
        error("TinyCharNet", Map.of("maxMae", "3")));
    ModelPlan p = plan("TinySeriesNet", Map.of("maxMae", "12.5", "maxLoss", "0.3"), Overrides.none());
    assertEquals(Map.of(Threshold.MAX_MAE, 12.5, Threshold.MAX_LOSS, 0.3), p.gate().thresholds());
  }

  @Test
  void formatsComeFromTheExtensionOrFromFormat() {
    assertEquals(DataFormat.CSV, plan("TinySeriesNet", Map.of(), Overrides.none()).data().format());
    assertEquals(DataFormat.LABELLED, plan("TinyCharNet", Map.of("data", "a.tsv"), Overrides.none()).data().format());
    assertEquals(DataFormat.CONLLU, plan("TinyCharNet", Map.of("data", "a.conllu"), Overrides.none()).data().format());
    assertEquals(DataFormat.TEXT,
        plan("TinyCharNet", Map.of("data", "a.dat", "format", "TEXT"), Overrides.none()).data().format());
    assertEquals("Model TinyCharNet: cannot tell the format of a.dat (setting <data>) from its extension; set"
        + " <format> to one of text, csv, conllu, conll, labelled, conditioned", error("TinyCharNet", Map.of("data", "a.dat")));
    assertEquals("Model TinyCharNet: <format> is \"json\", which is not a data format; write one of text, csv,"
        + " conllu, conll, labelled, conditioned", error("TinyCharNet", Map.of("format", "json")));
  }

  @Test
  void csvSettingsAreParsed() {
    ModelPlan p = plan("TinySeriesNet", Map.of("columns", "a, b", "targetColumns", "b", "window", "12", "horizon", "3",
        "stride", "12"), Overrides.none());
    assertEquals(List.of("a", "b"), p.data().columns());
    assertEquals(List.of("b"), p.data().targetColumns());
    assertEquals(12, p.data().window());
    assertEquals(3, p.data().horizon());
    assertEquals(12, p.data().stride());
    ModelPlan defaults = plan("TinySeriesNet", Map.of(), Overrides.none());
    assertNull(defaults.data().columns());
    assertEquals(8, defaults.data().window(), "the model's steps");
    assertEquals(1, defaults.data().horizon());
    assertEquals(1, defaults.data().stride(), "a window at every row");
    assertEquals(0, plan("TinySeriesNet", Map.of("horizon", "0"), Overrides.none()).data().horizon(),
        "a target on the window's last row");
    assertEquals("Model TinySeriesNet: <stride> is \"0\", which is below 1; write a whole number of at least 1",
        error("TinySeriesNet", Map.of("stride", "0")));
    assertEquals("Model TinySeriesNet: <stride> is \"every\", which is not a whole number; write a whole number such"
        + " as 10", error("TinySeriesNet", Map.of("stride", "every")));
  }

  @Test
  void modelsAreNamedBySimpleOrQualifiedNameAndUnknownOnesListTheAvailable() {
    ModelSettings byQualified = ModelSettings.of(Map.of("name", TestProject.PACKAGE + ".TinySeriesNet", "epochs", "5"));
    List<ModelPlan> plans = ModelConfiguration.resolve(models, List.of(byQualified), Overrides.none(), project.layout());
    assertEquals(2, plans.size());
    assertEquals(5, plans.get(1).training().spec().epochs());

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ModelConfiguration.resolve(models,
        List.of(ModelSettings.of(Map.of("name", "CharModel"))), Overrides.none(), project.layout()));
    assertEquals("No model named CharModel (setting <model><name>); the project's models are TinyCharNet,"
        + " TinySeriesNet; use one of these names", e.getMessage());

    e = assertThrows(ConfigurationException.class, () -> ModelConfiguration.resolve(models,
        List.of(ModelSettings.of(Map.of("epochs", "1"))), Overrides.none(), project.layout()));
    assertEquals("A <model> in the rnn-maven-plugin configuration has no <name>; add <name> with one of TinyCharNet,"
        + " TinySeriesNet", e.getMessage());

    e = assertThrows(ConfigurationException.class, () -> ModelConfiguration.resolve(models,
        List.of(ModelSettings.of(Map.of("name", "TinyCharNet")), ModelSettings.of(Map.of("name", "TinyCharNet"))),
        Overrides.none(), project.layout()));
    assertEquals("Model TinyCharNet is configured by two <model> elements; merge them into one", e.getMessage());
  }

  @Test
  void theModelsPropertySelectsInItsOrder() {
    List<ModelPlan> plans = ModelConfiguration.resolve(models, List.of(),
        new Overrides(null, null, List.of("TinySeriesNet", "TinyCharNet"), false), project.layout());
    assertEquals(List.of("TinySeriesNet", "TinyCharNet"), plans.stream().map(ModelPlan::name).toList());
  }

  @Test
  void propertiesAreCheckedToo() {
    assertEquals("-Drnn.epochs=many is not a whole number; use for example -Drnn.epochs=2",
        assertThrows(ConfigurationException.class, () -> Overrides.parse("many", null, null, false)).getMessage());
    assertEquals("-Drnn.threads=0 must be at least 1",
        assertThrows(ConfigurationException.class, () -> Overrides.parse(null, "0", null, false)).getMessage());
    Overrides o = Overrides.parse(" 3 ", "", "A, B,,", true);
    assertEquals(3, o.epochs());
    assertNull(o.threads());
    assertEquals(List.of("A", "B"), o.models());
    assertTrue(o.force());
  }

  @Test
  void unknownSettingsAreRejectedByTheBean() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelSettings().set("minAcuracy", "1"));
    assertTrue(e.getMessage().startsWith("no model setting <minAcuracy> (did you mean <minAccuracy>?)"), e.getMessage());
  }
}
