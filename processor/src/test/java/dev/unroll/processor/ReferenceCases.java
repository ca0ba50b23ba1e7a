package dev.unroll.processor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test support (in the processor's test jar for the other modules' tests): where the PyTorch reference cases are. */
public final class ReferenceCases {
  private ReferenceCases() {}

  /**
   * The directory named by the system property {@code unroll.reference.dir}, or else the first
   * {@code reference} folder of the repository found at the working directory or one of its
   * parents (the cases are kept in the repository, copied from the project's shared set).
   *
   * @throws AssertionError if there is none: the cases must be present, never silently skipped
   */
  public static Path directory() {
    String configured = System.getProperty("unroll.reference.dir", "");
    if (!configured.isBlank() && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("reference");
      if (Files.isRegularFile(candidate.resolve("index.json"))) {
        return candidate;
      }
    }
    throw new AssertionError("no reference cases: set -Dunroll.reference.dir (was '" + configured
        + "') or run from inside the repository, which keeps them in reference/");
  }
}
