package dev.unroll.processor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test support: where the PyTorch reference cases are. */
final class ReferenceCases {
  private ReferenceCases() {}

  /**
   * The directory named by the system property {@code unroll.reference.dir}, or else the first
   * {@code shared/reference} found beside the working directory or one of its parents.
   *
   * @throws AssertionError if there is none: the cases must be present, never silently skipped
   */
  static Path directory() {
    String configured = System.getProperty("unroll.reference.dir", "");
    if (!configured.isBlank() && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/reference").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no reference cases: set -Dunroll.reference.dir (was '" + configured
        + "') or place them in ../shared/reference beside the repository");
  }
}
