package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.data.WordOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledLinesTest {
  @TempDir
  Path dir;

  @Test
  void readsAndBuildsCharacterAndTokenDatasets() throws IOException {
    Path file = dir.resolve("l.tsv");
    Files.writeString(file, "pos\tgood fun film\n\nneg\tdull\tfilm\nneg\tbad\n");
    LabelledLines lines = LabelledLines.read(file);
    assertEquals(3, lines.size());
    assertEquals(List.of("pos", "neg", "neg"), lines.labels());
    assertEquals("dull\tfilm", lines.texts().get(1));
    Vocabulary labels = lines.labelVocabulary();
    assertEquals(List.of("neg", "pos"), labels.symbols());

    Vocabulary tokens = lines.symbolVocabulary(false, 1);
    SequenceDataset words = lines.toDataset(tokens, labels, false, 2);
    assertFalse(words.perStepTargets());
    assertEquals(2, words.outputs());
    Example first = words.examples().get(0);
    // Truncated to the last 2 tokens: "fun film".
    assertArrayEquals(new int[] {tokens.index("fun"), tokens.index("film")}, first.symbols());
    assertArrayEquals(new int[] {1}, first.classTargets());

    Vocabulary chars = lines.symbolVocabulary(true, 1);
    SequenceDataset characters = lines.toDataset(chars, labels, true, 100);
    assertEquals(13, characters.examples().get(0).length());
    assertEquals(3, characters.examples().get(2).length());
    Batch batch = new Batch();
    characters.fillBatch(characters.order(), 0, 3, 100, batch);
    assertArrayEquals(new int[] {1, 0, 0}, Arrays.copyOf(batch.classTargets, 3));
    assertArrayEquals(new int[] {13, 9, 3}, batch.lengths);
  }

  @Test
  void wordOptionsApplyToWordsOnly() {
    LabelledLines lines = new LabelledLines(List.of("a", "b", "a"),
        List.of("Good film", "good Plot", "dull film"));
    Vocabulary words = lines.symbolVocabulary(false, new WordOptions(true, 2));
    assertEquals(List.of(Vocabulary.UNKNOWN, "film", "good"), words.symbols());
    SequenceDataset set = lines.toDataset(words, lines.labelVocabulary(), false, 10);
    assertArrayEquals(new int[] {2, 1}, set.examples().get(0).symbols());
    assertArrayEquals(new int[] {2, 0}, set.examples().get(1).symbols(), "plot: seen once, unknown");
    assertArrayEquals(new int[] {0, 1}, set.examples().get(2).symbols());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lines.symbolVocabulary(true, new WordOptions(true, 1)));
    assertTrue(e.getMessage().contains("words"), e.getMessage());
  }

  @Test
  void missingTabIsLocated() throws IOException {
    Path file = dir.resolve("l.tsv");
    Files.writeString(file, "pos\tok\nno tab here\n");
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> LabelledLines.read(file));
    assertEquals(2, e.line());
    assertEquals("label", e.field());
    assertTrue(e.getMessage().contains("l.tsv"), e.getMessage());
  }

  @Test
  void unknownLabelIsAnError() {
    LabelledLines lines = new LabelledLines(List.of("a", "b"), List.of("x", "y"));
    Vocabulary labels = Vocabulary.of(List.of("a"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lines.toDataset(Vocabulary.ofCharacters("xy"), labels, true, 5));
    assertTrue(e.getMessage().contains("Example 1"), e.getMessage());
  }
}
