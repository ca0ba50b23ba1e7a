package dev.unroll.maven.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.unroll.maven.TestProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What changes a fingerprint, and how the change is named. */
class FingerprintTest {
  @TempDir
  Path dir;

  @Test
  void sameInputsSameFingerprint() throws IOException {
    TestProject p = new TestProject(dir);
    Fingerprint a = Fingerprint.of(p.plan("TinySeriesNet", Map.of()), "1");
    Fingerprint b = Fingerprint.of(p.plan("TinySeriesNet", Map.of("threads", "7")), "1");
    assertEquals(a, b, "threads change only the order of float sums");
    assertNull(b.changesSince(a));
    assertEquals(a, Fingerprint.fromExtras(a.extras()));
    assertEquals(a.value().substring(0, 8), a.shortValue());
  }

  @Test
  void eachPartIsNamedWhenItChanges() throws IOException {
    TestProject p = new TestProject(dir);
    Fingerprint base = Fingerprint.of(p.plan("TinySeriesNet", Map.of()), "1");
    assertEquals("settings changed", Fingerprint.of(p.plan("TinySeriesNet", Map.of("seed", "3")), "1")
        .changesSince(base));
    assertEquals("settings changed", Fingerprint.of(p.plan("TinySeriesNet", Map.of("horizon", "2")), "1")
        .changesSince(base));
    assertEquals("settings changed", Fingerprint.of(p.plan("TinySeriesNet", Map.of("stride", "8")), "1")
        .changesSince(base));
    assertEquals(base, Fingerprint.of(p.plan("TinySeriesNet", Map.of("stride", "1")), "1"), "the default, written out");
    Fingerprint text = Fingerprint.of(p.plan("TinyCharNet", Map.of()), "1");
    assertEquals(text, Fingerprint.of(p.plan("TinyCharNet", Map.of("stride", "8")), "1"), "text data has no windows");
    assertEquals("plugin version (1 -> 2) changed", Fingerprint.of(p.plan("TinySeriesNet", Map.of()), "2")
        .changesSince(base));
    assertEquals("no fingerprint in the existing model card", base.changesSince(null));

    Files.writeString(p.data("series.csv"), Files.readString(p.data("series.csv")).replace("0,", "0 ,"),
        StandardCharsets.UTF_8);
    Fingerprint data = Fingerprint.of(p.plan("TinySeriesNet", Map.of()), "1");
    assertEquals("data changed", data.changesSince(base));
    Fingerprint all = Fingerprint.of(p.plan("TinySeriesNet", Map.of("epochs", "9")), "2");
    assertEquals("data, settings and plugin version (1 -> 2) changed", all.changesSince(base));

    Fingerprint otherModel = Fingerprint.of(p.plan("TinyCharNet", Map.of("data", "data/series.csv", "format", "text")),
        "1");
    assertNotEquals(base.architecture(), otherModel.architecture());
  }
}
