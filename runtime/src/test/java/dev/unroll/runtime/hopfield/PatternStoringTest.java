package dev.unroll.runtime.hopfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.infer.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternStoringTest {

  private static final String PATTERNS = "# three patterns of 8 units\n++++----\n+-+-+-+-\n++--++--\n";

  @Test
  void storesAndSavesThenSkipsWhileTheDataIsUnchanged(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("p.txt"), PATTERNS);
    Path out = dir.resolve("classes/demo");
    List<String> log = new ArrayList<>();
    TwoRuleMemory memory = new TwoRuleMemory("PNet", 8, StorageRule.PROJECTION, "p.txt");
    PatternStoring.Outcome first = PatternStoring.store(memory, data, out, log::add);
    assertTrue(first.stored());
    assertEquals(3, first.patterns());
    assertEquals(1.0, first.stableFraction());
    assertEquals("Memory PNet: stored 3 patterns of p.txt by the PROJECTION rule (0.375 patterns per unit),"
        + " 3 of them fixed points", log.get(0));
    assertTrue(Files.isRegularFile(out.resolve("PNet.safetensors")));

    TwoRuleMemory loaded = new TwoRuleMemory("PNet", 8, StorageRule.PROJECTION, "p.txt");
    ModelCard card = MemoryArtifacts.load(loaded, out);
    assertArrayEquals(memory.weights(), loaded.weights());
    assertEquals(ModelCard.fingerprint(List.of(data)), card.dataFingerprint());
    assertArrayEquals(new int[] {1, -1, 1, -1, 1, -1, 1, -1}, loaded.recall(new int[] {1, -1, 1, -1, 1, -1, 1, 1}).state());

    PatternStoring.Outcome second = PatternStoring.store(memory, data, out, log::add);
    assertFalse(second.stored());
    assertEquals("Memory PNet is up to date (3 patterns of p.txt), skipping", log.get(1));

    Files.writeString(data, PATTERNS + "--++--++\n");
    assertEquals(4, PatternStoring.store(memory, data, out, log::add).patterns(), "changed data is stored again");
  }

  @Test
  void storeAllFindsMemoriesThroughTheIndex(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("p.txt"), PATTERNS);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("META-INF/unroll"));
    Files.writeString(classes.resolve(PatternStoring.INDEX), IndexedMemory.class.getName() + "\n");
    List<PatternStoring.Outcome> outcomes = PatternStoring.storeAll(classes, dir, getClass().getClassLoader(), s -> { });
    assertEquals(1, outcomes.size());
    assertTrue(Files.isRegularFile(classes.resolve("dev/unroll/runtime/hopfield/IndexedMemory.card.json")));
  }

  @Test
  void malformedDataNamesTheMemoryAndTheFile(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("p.txt"), "++++----\n+++\n");
    TwoRuleMemory memory = new TwoRuleMemory("PNet", 8, StorageRule.HEBBIAN, "p.txt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternStoring.store(memory, data, dir, s -> { }));
    assertTrue(e.getMessage().startsWith("Memory PNet: " + data + ":2: pattern 2 has 3 units"), e.getMessage());
    Path wide = Files.writeString(dir.resolve("w.txt"), "+++\n");
    e = assertThrows(IllegalArgumentException.class, () -> PatternStoring.store(memory, wide, dir, s -> { }));
    assertEquals("Memory PNet: pattern 0 has 3 values; the memory has 8 units (data file " + wide + ", 8 units declared)",
        e.getMessage());
    Exception missing = assertThrows(java.io.IOException.class,
        () -> PatternStoring.store(memory, dir.resolve("none.txt"), dir, s -> { }));
    assertTrue(missing.getMessage().contains("none.txt (@AssociativeMemory(data)) does not exist"), missing.getMessage());
  }

}
