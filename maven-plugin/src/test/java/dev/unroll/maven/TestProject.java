package dev.unroll.maven;

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
final class TestProject {
  static final String PACKAGE = "dev.unroll.maven.models";
  static final List<String> DATA = List.of("tiny.txt", "tiny-test.txt", "series.csv", "series-test.csv",
      "tags.conll", "tags-test.conll", "labels.tsv");

  final Path basedir;
  final Path classes;
  final Path target;
  final RecordingLog log = new RecordingLog();

  /** A project whose index lists the given generated classes (simple names, e.g. "TinySeriesNet"). */
  TestProject(Path dir, String... models) throws IOException {
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

  ProjectLayout layout() {
    return new ProjectLayout(basedir, classes, target, List.of(), "test-1");
  }

  /** Where a test model's artifacts land in the class output. */
  Path modelDirectory() {
    return layout().packageDirectory(PACKAGE);
  }

  Path data(String name) {
    return basedir.resolve("data").resolve(name);
  }

  /** The discovered test model of that simple name. */
  DiscoveredModel model(String simpleName) {
    try (URLClassLoader loader = ProjectClassLoader.create(layout())) {
      return ModelDiscovery.load(loader, PACKAGE + "." + simpleName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plan of a test model with these POM settings and no overrides. */
  ModelPlan plan(String simpleName, Map<String, String> settings) {
    return ModelConfiguration.plan(model(simpleName), ModelSettings.of(settings), Overrides.none(), layout());
  }

  List<TrainingOutcome> train(List<ModelSettings> settings, Overrides overrides) throws IOException {
    return TrainingRun.run(new TrainingRun.Request(layout(), settings, overrides, 0), log);
  }

  List<TrainingOutcome> train(ModelSettings... settings) throws IOException {
    return train(new ArrayList<>(List.of(settings)), new Overrides(null, 1, List.of(), false));
  }
}
