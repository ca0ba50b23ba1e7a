package dev.unroll.samples.pos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.training.data.TaggedSequences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged tagger on the English Web Treebank's test split, against the majority tag per word. */
class PartOfSpeechTaggerTest {
  private static final Path TRAINING = Path.of("../model/src/main/data/en_ewt-ud-dev.conllu");
  private static final Path TEST = Path.of("../model/src/test/data/en_ewt-ud-test.conllu");

  private static PartOfSpeechTagger tagger;
  private static TaggedSequences test;

  @BeforeAll
  static void load() throws Exception {
    tagger = new PartOfSpeechTagger();
    test = TaggedSequences.read(TEST, TaggedSequences.Format.CONLLU);
  }

  @Test
  void beatsTheMajorityTagPerWordOnTheTestSplit() throws Exception {
    MajorityTagPerWord baseline =
        new MajorityTagPerWord(TaggedSequences.read(TRAINING, TaggedSequences.Format.CONLLU));
    double naive = accuracy(sentences -> {
      List<List<String>> out = new ArrayList<>();
      sentences.forEach(s -> out.add(baseline.tag(s.toArray(new String[0]))));
      return out;
    });
    double model = accuracy(tagger::tagAll);
    System.out.printf(Locale.ROOT, "pos: UPOS accuracy %.4f on %,d test words (%d sentences); majority tag per"
        + " word %.4f; %.1f%% fewer errors%n", model, test.tokenCount(), test.size(), naive,
        100 * (1 - (1 - model) / (1 - naive)));
    // The baseline as computed independently (Python, over the same files, ties to the tag first in string
    // order; ties to the tag seen first give 0.8183): 0.8188, NOUN for unseen words.
    assertEquals("NOUN", baseline.mostFrequentTag());
    assertEquals(0.8188, naive, 0.00005, "majority tag per word");
    assertTrue(model > naive + 0.01, "model " + model + " vs majority tag per word " + naive);
  }

  /** The saved vocabulary lower-cases, so capitals at the start of a sentence change nothing. */
  @Test
  void readsWordsLowerCasedAsTrained() {
    assertTrue(tagger.lowercasesWords());
    assertEquals(tagger.tag(List.of("the", "dog", "barked", "at", "the", "mailman", ".")),
        tagger.tag(List.of("THE", "Dog", "BARKED", "At", "The", "MAILMAN", ".")));
  }

  /** "book" is a noun or a verb (both in the training file); the words around it decide. */
  @Test
  void readsContextToTellAVerbFromANoun() {
    assertEquals("VERB", tagger.tag(List.of("I", "would", "like", "to", "book", "a", "flight", ".")).get(4));
    assertEquals("NOUN", tagger.tag(List.of("She", "read", "the", "book", "in", "one", "evening", ".")).get(3));
  }

  private static double accuracy(Function<List<List<String>>, List<List<String>>> tagAll) {
    List<List<String>> sentences = new ArrayList<>();
    test.words().forEach(w -> sentences.add(Arrays.asList(w)));
    List<List<String>> predicted = tagAll.apply(sentences);
    long correct = 0;
    for (int s = 0; s < test.size(); s++) {
      String[] gold = test.tags().get(s);
      for (int i = 0; i < gold.length; i++) {
        correct += gold[i].equals(predicted.get(s).get(i)) ? 1 : 0;
      }
    }
    return (double) correct / test.tokenCount();
  }
}
