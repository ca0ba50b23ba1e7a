package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's public data sets ({@code data/} at its root) from the working directory. */
final class SharedData {
  private SharedData() {
  }

  /**
   * {@code data/<name>} in the working directory or the nearest ancestor that has it. Fails (rather than skips) when it is missing: these files are part of the project.
   */
  static Path file(String name) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return fail("No data/" + name + " above " + start);
  }
}
