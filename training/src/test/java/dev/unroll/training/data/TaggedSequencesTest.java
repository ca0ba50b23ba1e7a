package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.data.WordOptions;
import dev.unroll.training.data.TaggedSequences.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggedSequencesTest {
  @TempDir
  Path dir;

  private static final String SAMPLE = String.join("\n",
      "# sent_id = 1",
      "# text = I can't go.",
      "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_",
      "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_",
      "2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_",
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
      "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_",
      "4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_",
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
      "",
      "",
      "# sent_id = 2",
      "1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_",
      "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_",
      "");

  @Test
  void parsesConllu() throws IOException {
    Path file = dir.resolve("s.conllu");
    Files.writeString(file, SAMPLE);
    TaggedSequences data = TaggedSequences.read(file, Format.CONLLU);
    assertEquals(2, data.size());
    assertArrayEquals(new String[] {"I", "ca", "n't", "go", "."}, data.words().get(0));
    assertArrayEquals(new String[] {"PRON", "AUX", "PART", "VERB", "PUNCT"}, data.tags().get(0));
    assertArrayEquals(new String[] {"Go", "!"}, data.words().get(1));
    assertEquals(7, data.tokenCount());
  }

  @Test
  void toDatasetSplitsLongSentences() throws IOException {
    Path file = dir.resolve("s.conllu");
    Files.writeString(file, SAMPLE);
    TaggedSequences data = TaggedSequences.read(file, Format.CONLLU);
    Vocabulary words = Vocabulary.of(List.of(Vocabulary.UNKNOWN, "go", "."));
    Vocabulary tags = data.tagVocabulary();
    assertEquals(List.of("AUX", "PART", "PRON", "PUNCT", "VERB"), tags.symbols());
    SequenceDataset set = data.toDataset(words, tags, 2);
    // 5 words -> 2 + 2 + 1; 2 words -> 2.
    assertEquals(4, set.size());
    assertTrue(set.perStepTargets());
    assertEquals(5, set.outputs());
    assertArrayEquals(new int[] {0, 0}, set.examples().get(0).symbols());
    assertArrayEquals(new int[] {0, 1}, set.examples().get(1).symbols());
    assertArrayEquals(new int[] {1, 4}, set.examples().get(1).classTargets());
    assertArrayEquals(new int[] {2}, set.examples().get(2).symbols());
    assertArrayEquals(new int[] {3}, set.examples().get(2).classTargets());
  }

  @Test
  void wordOptionsLowercaseAndDropRareWordsToUnknown() throws IOException {
    Path file = dir.resolve("s.conll");
    Files.writeString(file, "The\tDET\ndog\tNOUN\nran\tVERB\n\nthe\tDET\nDog\tNOUN\nsat\tVERB\n");
    TaggedSequences data = TaggedSequences.read(file, Format.CONLL);
    Vocabulary tags = data.tagVocabulary();

    Vocabulary words = data.wordVocabulary(new WordOptions(true, 2));
    assertEquals(List.of(Vocabulary.UNKNOWN, "dog", "the"), words.symbols());
    SequenceDataset set = data.toDataset(words, tags, 10);
    // "ran" and "sat" are seen once each: below minCount 2, they read as <unk>.
    assertArrayEquals(new int[] {2, 1, 0}, set.examples().get(0).symbols());
    assertArrayEquals(new int[] {2, 1, 0}, set.examples().get(1).symbols());
    assertArrayEquals(new String[] {"The", "dog", "ran"}, data.words().get(0),
        "the sentences keep the words as written");

    Vocabulary asWritten = data.wordVocabulary(WordOptions.DEFAULT.withMinCount(2));
    assertEquals(List.of(Vocabulary.UNKNOWN), asWritten.symbols(),
        "without lower-casing no spelling is seen twice");
    Vocabulary lowerOnly = data.wordVocabulary(WordOptions.DEFAULT.withLowercase(true));
    assertEquals(List.of(Vocabulary.UNKNOWN, "dog", "the", "ran", "sat"), lowerOnly.symbols());
  }

  @Test
  void parsesPlainConll() throws IOException {
    Path file = dir.resolve("s.conll");
    Files.writeString(file, "-DOCSTART- -X- O\n\nThe\tDT\ndog  NN\n\r\nRuns VBZ\n");
    TaggedSequences data = TaggedSequences.read(file, Format.CONLL);
    assertEquals(2, data.size());
    assertArrayEquals(new String[] {"The", "dog"}, data.words().get(0));
    assertArrayEquals(new String[] {"DT", "NN"}, data.tags().get(0));
    assertArrayEquals(new String[] {"VBZ"}, data.tags().get(1));
  }

  @Test
  void tooFewColumnsIsLocated() throws IOException {
    Path conll = dir.resolve("bad.conll");
    Files.writeString(conll, "The\tDT\ndog\n");
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> TaggedSequences.read(conll, Format.CONLL));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("bad.conll"), e.getMessage());
    assertTrue(e.getMessage().contains("tag"), e.getMessage());

    Path conllu = dir.resolve("bad.conllu");
    Files.writeString(conllu, "# c\n1\tThe\tthe\tDET\n");
    e = assertThrows(MalformedDataException.class,
        () -> TaggedSequences.read(conllu, Format.CONLLU));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("10"), e.getMessage());
  }

  @Test
  void readsTheEnglishWebTreebankDev() throws IOException {
    TaggedSequences data =
        TaggedSequences.read(SharedData.file("en_ewt-ud-dev.conllu"), Format.CONLLU);
    assertEquals(2001, data.size());
    Set<String> tags = new HashSet<>();
    data.tags().forEach(t -> tags.addAll(List.of(t)));
    assertEquals(17, tags.size());
    assertEquals(17, data.tagVocabulary().size());
    assertArrayEquals(new String[] {"From", "the", "AP", "comes", "this", "story", ":"},
        data.words().get(0));
    Vocabulary words = data.wordVocabulary(2);
    SequenceDataset set = data.toDataset(words, data.tagVocabulary(), 200);
    assertEquals(2001, set.size());
    // Lower-casing merges spellings: fewer distinct words, so more of them reach the minimum count.
    assertEquals(2166 + 1, words.size());
    assertEquals(2080 + 1, data.wordVocabulary(new WordOptions(true, 2)).size());
    assertEquals(4813 + 1, data.wordVocabulary(new WordOptions(true, 1)).size());
  }
}
