package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's shared data sets ({@code ../shared/data}) from the working directory. */
final class SharedData {
  private SharedData() {
  }

  /**
   * {@code ../shared/data/<name>} relative to the working directory or the nearest ancestor that
   * has it. Fails (rather than skips) when it is missing: these files are part of the project.
   */
  static Path file(String name) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/data").resolve(name).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return fail("No ../shared/data/" + name + " above " + start);
  }
}
