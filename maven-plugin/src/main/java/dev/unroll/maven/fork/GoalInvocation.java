package dev.unroll.maven.fork;

import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.project.ProjectLayout;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One run of a goal, everything it needs as plain values, so that it can run in Maven's JVM or be
 * written to a file for a forked JVM ({@link ForkedJvm}) to read back.
 *
 * @param goal {@code train}, {@code evaluate}, {@code generate} or {@code predict}
 * @param layout the project's directories and classpath
 * @param parameters the goal's parameters by user property ({@code rnn.models}, {@code rnn.epochs},
 *     {@code rnn.learningRate}, ...); a parameter without a value is left out
 * @param models the POM's {@code <models>}
 */
public record GoalInvocation(String goal, ProjectLayout layout, Map<String, String> parameters,
    List<ModelSettings> models) {

  public GoalInvocation {
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    models = List.copyOf(models);
  }

  /** The parameter's value, or {@code null}. */
  public String parameter(String property) {
    return parameters.get(property);
  }

  /** Writes this invocation as a properties file. */
  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("goal", goal);
    p.setProperty("layout.basedir", layout.basedir().toString());
    p.setProperty("layout.classes", layout.classesDirectory().toString());
    p.setProperty("layout.build", layout.buildDirectory().toString());
    p.setProperty("layout.pluginVersion", layout.pluginVersion());
    List<Path> classpath = layout.classpath();
    for (int i = 0; i < classpath.size(); i++) {
      p.setProperty("layout.classpath." + i, classpath.get(i).toString());
    }
    parameters.forEach((k, v) -> p.setProperty("parameter." + k, v));
    for (int i = 0; i < models.size(); i++) {
      int index = i;
      models.get(i).values().forEach((k, v) -> p.setProperty("model." + index + "." + k, v));
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "rnn:" + goal + " for a forked JVM");
    }
  }

  /** Reads an invocation {@link #write} wrote. */
  public static GoalInvocation read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    List<Path> classpath = new ArrayList<>();
    for (int i = 0; p.getProperty("layout.classpath." + i) != null; i++) {
      classpath.add(Path.of(p.getProperty("layout.classpath." + i)));
    }
    ProjectLayout layout = new ProjectLayout(Path.of(p.getProperty("layout.basedir")),
        Path.of(p.getProperty("layout.classes")), Path.of(p.getProperty("layout.build")), classpath,
        p.getProperty("layout.pluginVersion"));
    Map<String, String> parameters = new TreeMap<>();
    List<ModelSettings> models = new ArrayList<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("parameter.")) {
        parameters.put(key.substring("parameter.".length()), p.getProperty(key));
      } else if (key.startsWith("model.")) {
        String rest = key.substring("model.".length());
        int index = Integer.parseInt(rest.substring(0, rest.indexOf('.')));
        while (models.size() <= index) {
          models.add(new ModelSettings());
        }
        models.get(index).set(rest.substring(rest.indexOf('.') + 1), p.getProperty(key));
      }
    }
    return new GoalInvocation(p.getProperty("goal"), layout, parameters, models);
  }
}
