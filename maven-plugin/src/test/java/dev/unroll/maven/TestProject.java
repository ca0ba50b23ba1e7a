package dev.unroll.maven;

import dev.unroll.maven.config.ModelConfiguration;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.train.TrainingOutcome;
import dev.unroll.maven.train.TrainingRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A project in a temporary directory for core tests: {@code data/} holds copies of the test data,
 * the class output's model index lists the chosen test models (their classes come from the test
 * classpath, through the project class loader's parent), and {@code target/} is empty.
 */
public final class TestProject {
  public static final String PACKAGE = "dev.unroll.maven.models";
  public static final List<String> DATA = List.of("tiny.txt", "tiny-test.txt", "series.csv", "series-test.csv",
      "tags.conll", "tags-test.conll", "labels.tsv", "names.tsv", "reverse.tsv", "reverse-test.tsv");

  public final Path basedir;
  public final Path classes;
  public final Path target;
  public final RecordingLog log = new RecordingLog();

  /** A project whose index lists the given generated classes (simple names, e.g. "TinySeriesNet"). */
  public TestProject(Path dir, String... models) throws IOException {
    this.basedir = dir;
    this.target = dir.resolve("target");
    this.classes = target.resolve("classes");
    Files.createDirectories(classes.resolve("META-INF/unroll"));
    StringBuilder index = new StringBuilder();
    for (String m : models) {
      index.append(PACKAGE).append('.').append(m).append('\n');
    }
    Files.writeString(classes.resolve(ModelDiscovery.INDEX), index.toString(), StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("data"));
    for (String name : DATA) {
      try (InputStream in = TestProject.class.getResourceAsStream("/data/" + name)) {
        Files.copy(in, dir.resolve("data").resolve(name));
      }
    }
  }

  public ProjectLayout layout() {
    return new ProjectLayout(basedir, classes, target, List.of(), "test-1");
  }

  /** Where a test model's artifacts land in the class output. */
  public Path modelDirectory() {
    return layout().packageDirectory(PACKAGE);
  }

  public Path data(String name) {
    return basedir.resolve("data").resolve(name);
  }

  /** The discovered test model of that simple name. */
  public DiscoveredModel model(String simpleName) {
    try (URLClassLoader loader = ProjectClassLoader.create(layout())) {
      return ModelDiscovery.load(loader, PACKAGE + "." + simpleName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plan of a test model with these POM settings and no overrides. */
  public ModelPlan plan(String simpleName, Map<String, String> settings) {
    return ModelConfiguration.plan(model(simpleName), ModelSettings.of(settings), Overrides.none(), layout());
  }

  public List<TrainingOutcome> train(List<ModelSettings> settings, Overrides overrides) throws IOException {
    return TrainingRun.run(new TrainingRun.Request(layout(), settings, overrides, 0), log);
  }

  public List<TrainingOutcome> train(ModelSettings... settings) throws IOException {
    return train(new ArrayList<>(List.of(settings)), new Overrides(null, 1, List.of(), false));
  }
}
