package dev.unroll.maven.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processors' class indexes: one name per line, comments and blanks skipped, every copy on a classpath read once. */
class ModelIndexTest {
  private static final String RESOURCE = "META-INF/unroll/models";

  @TempDir
  Path dir;

  @Test
  void readsNamesInOrderSkippingBlankLinesAndComments() throws IOException {
    Path classes = write(dir.resolve("classes"), "# written by the processor\r\n  demo.B  \n\n demo.A\n#demo.C\n");
    assertEquals(List.of("demo.B", "demo.A"), ModelIndex.read(classes, RESOURCE));
  }

  @Test
  void aMissingIndexListsNothing() throws IOException {
    assertEquals(List.of(), ModelIndex.read(dir, RESOURCE));
  }

  @Test
  void readsEveryIndexOnTheClasspathOnceEach() throws IOException {
    Path project = write(dir.resolve("project"), "demo.A\ndemo.B\n");
    Path dependency = write(dir.resolve("dependency"), "demo.B\nlib.C\n");
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {project.toUri().toURL(), dependency.toUri().toURL()}, null)) {
      assertEquals(List.of("demo.A", "demo.B", "lib.C"), ModelIndex.readAll(loader, RESOURCE));
    }
  }

  @Test
  void packageOfAQualifiedAndOfAnUnqualifiedName() {
    assertEquals("demo.sub", ModelIndex.packageOf("demo.sub.CharNet"));
    assertEquals("", ModelIndex.packageOf("CharNet"));
  }

  private static Path write(Path root, String index) throws IOException {
    Path file = root.resolve(RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, index, StandardCharsets.UTF_8);
    return root;
  }
}
