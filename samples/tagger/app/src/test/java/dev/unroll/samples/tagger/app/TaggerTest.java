package dev.unroll.samples.tagger.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.training.data.TaggedSequences;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaggerTest {
  private static Tagger tagger;

  @BeforeAll
  static void load() throws Exception {
    tagger = new Tagger();
  }

  /** 800 test sentences from another seed, almost all of whose names the model never saw. */
  @Test
  void tagsHeldOutSentencesWithHighTokenAccuracyAndEntityF1() throws Exception {
    TaggedSequences test = TaggedSequences.read(Path.of("target/data/entities-test.conll"),
        TaggedSequences.Format.CONLL);
    Set<Entities.Span> gold = new HashSet<>();
    Set<Entities.Span> predicted = new HashSet<>();
    long correct = 0;
    long tokens = 0;
    for (int s = 0; s < test.size(); s++) {
      List<String> words = Arrays.asList(test.words().get(s));
      List<String> expected = Arrays.asList(test.tags().get(s));
      List<String> tags = tagger.tag(words);
      for (int i = 0; i < tags.size(); i++) {
        correct += tags.get(i).equals(expected.get(i)) ? 1 : 0;
      }
      tokens += tags.size();
      Entities.spans(s, expected, gold);
      Entities.spans(s, tags, predicted);
    }
    Entities.Score score = Entities.Score.of(gold, predicted);
    double accuracy = (double) correct / tokens;
    System.out.printf(Locale.ROOT, "entities: token accuracy %.4f, entity precision %.4f, recall %.4f, F1 %.4f"
        + " (%d sentences, %d entities)%n", accuracy, score.precision(), score.recall(), score.f1(), test.size(),
        gold.size());
    assertTrue(accuracy >= 0.98, "token accuracy " + accuracy);
    assertTrue(score.f1() >= 0.95, "entity F1 " + score.f1());
  }

  /** The same word is a person or a place depending on its neighbours, on either side. */
  @Test
  void readsContextToTellPeopleFromPlaces() {
    assertEquals(List.of("B-PER", "O", "O", "B-LOC", "O", "O", "O"),
        tagger.tag(List.of("Jordan", "flew", "to", "Paris", "on", "Monday", ".")));
    assertEquals(List.of("B-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O"),
        tagger.tag(List.of("Paris", "Okafor", "flew", "to", "Jordan", "on", "Monday", ".")));
  }

  @Test
  void spansFollowBioTags() {
    Set<Entities.Span> spans = new HashSet<>();
    Entities.spans(0, List.of("B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"), spans);
    assertEquals(Set.of(new Entities.Span(0, "PER", 0, 2), new Entities.Span(0, "LOC", 3, 4),
        new Entities.Span(0, "LOC", 4, 5), new Entities.Span(0, "ORG", 5, 6)), spans);
  }
}
