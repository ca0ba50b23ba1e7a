package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.data.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
  @TempDir
  Path dir;

  @Test
  void encodesAndDecodesASmallString() {
    TextCorpus corpus = TextCorpus.of("abba\ncab", null);
    assertEquals(Vocabulary.ofCharacters("abc\n"), corpus.vocabulary());
    assertEquals(8, corpus.length());
    assertArrayEquals(new int[] {1, 2, 2, 1, 0, 3, 1, 2}, corpus.symbols());
    assertEquals("abba\ncab", corpus.decode(corpus.symbols()));
    assertArrayEquals(new int[] {3, 1}, corpus.encode("ca"));
  }

  @Test
  void streamPredictsTheNextCharacter() {
    String text = "the quick brown fox jumps over the lazy dog\n";
    TextCorpus corpus = TextCorpus.of(text, null);
    StreamDataset stream = corpus.stream();
    assertEquals(text.length() - 1, stream.length());
    assertEquals(corpus.vocabulary().size(), stream.outputs());
    int streams = 3;
    int k = 4;
    Batch batch = new Batch();
    int[][] previousTargets = null;
    for (int j = 0; j < stream.chunkCount(streams, k); j++) {
      stream.fillChunk(streams, k, j, batch);
      for (int s = 0; s < streams; s++) {
        for (int t = 0; t + 1 < batch.steps; t++) {
          // Within a chunk: the target of step t is the input of step t + 1.
          assertEquals(batch.classTargets[t * streams + s], batch.symbols[(t + 1) * streams + s]);
        }
        if (previousTargets != null) {
          // Across chunks: the last target of chunk j - 1 is the first input of chunk j.
          assertEquals(previousTargets[s][0], batch.symbols[s]);
        }
      }
      previousTargets = new int[streams][1];
      for (int s = 0; s < streams; s++) {
        previousTargets[s][0] = batch.classTargets[(batch.steps - 1) * streams + s];
      }
    }
  }

  @Test
  void readsUtf8AndKeepsNewlines() throws IOException {
    Path file = dir.resolve("text.txt");
    Files.writeString(file, "h\u00e9\nh\u00e9!\n", StandardCharsets.UTF_8);
    TextCorpus corpus = TextCorpus.read(file, null);
    assertEquals(7, corpus.length());
    assertEquals("h\u00e9\nh\u00e9!\n", corpus.decode(corpus.symbols()));
    assertEquals(4, corpus.vocabulary().size());
  }

  @Test
  void unknownCharacterInFileIsLocated() throws IOException {
    Path file = dir.resolve("text.txt");
    Files.writeString(file, "ab\nbaz\n", StandardCharsets.UTF_8);
    MalformedDataException e = assertThrows(MalformedDataException.class,
        () -> TextCorpus.read(file, Vocabulary.ofCharacters("ab\n")));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("text.txt"), e.getMessage());
    assertTrue(e.getMessage().contains("column 3"), e.getMessage());
    assertTrue(e.getMessage().contains("\"z\""), e.getMessage());
    TextCorpus lenient = TextCorpus.read(file, Vocabulary.ofCharacters("ab\n", true));
    assertEquals("ab\nba<unk>\n", lenient.decode(lenient.symbols()));
  }

  @Test
  void badUtf8IsLocated() throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xff, '\n'});
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> TextCorpus.read(file, null));
    assertEquals(2, e.line());
  }
}
