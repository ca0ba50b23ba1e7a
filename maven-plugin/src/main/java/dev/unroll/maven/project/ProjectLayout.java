package dev.unroll.maven.project;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a project keeps what the goals read and write. Built by the Mojos from the Maven project,
 * built by tests from temporary directories.
 *
 * @param basedir the project's base directory; relative paths in the configuration resolve
 *     against it
 * @param classesDirectory the class output ({@code target/classes}): the model index, the
 *     generated classes and, beside each, its trained artifacts
 * @param buildDirectory {@code target/}: staging, checkpoints ({@code rnn/<Model>/}) and reports
 *     ({@code rnn-reports/})
 * @param classpath the project's compile classpath without the class output and without the
 *     Unroll runtime and annotations, which the plugin brings itself
 * @param pluginVersion the plugin's version, part of every fingerprint
 */
public record ProjectLayout(
    Path basedir, Path classesDirectory, Path buildDirectory, List<Path> classpath, String pluginVersion) {

  public ProjectLayout {
    basedir = basedir.toAbsolutePath().normalize();
    classesDirectory = classesDirectory.toAbsolutePath().normalize();
    buildDirectory = buildDirectory.toAbsolutePath().normalize();
    classpath = List.copyOf(classpath);
  }

  /** {@code path} resolved against the base directory. */
  public Path resolve(String path) {
    return basedir.resolve(path).normalize();
  }

  /** {@code path} as the user would write it: relative to the base directory when inside it. */
  public String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    String shown = absolute.startsWith(basedir) ? basedir.relativize(absolute).toString() : absolute.toString();
    return shown.replace('\\', '/');
  }

  /**
   * {@code path} relative to the base directory, with {@code ../} when outside it (absolute only
   * when no relative path leads there, as to another drive): what the model card records, so that
   * the same project built in another directory writes the same card.
   */
  public String portable(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    String shown;
    try {
      shown = basedir.relativize(absolute).toString();
    } catch (IllegalArgumentException e) {
      shown = absolute.toString();
    }
    return shown.replace('\\', '/');
  }

  /** Where training of {@code model} stages its artifacts and checkpoint: {@code target/rnn/<Model>/}. */
  public Path stagingDirectory(String model) {
    return buildDirectory.resolve("rnn").resolve(model);
  }

  /** Where HTML training reports go: {@code target/rnn-reports/}. */
  public Path reportDirectory() {
    return buildDirectory.resolve("rnn-reports");
  }

  /** The class-output folder of a package, where a model's artifacts sit beside its class. */
  public Path packageDirectory(String packageName) {
    Path dir = classesDirectory;
    if (!packageName.isEmpty()) {
      for (String part : packageName.split("\\.")) {
        dir = dir.resolve(part);
      }
    }
    return dir;
  }
}
