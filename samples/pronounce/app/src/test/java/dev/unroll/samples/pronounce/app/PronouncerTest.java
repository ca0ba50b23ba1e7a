package dev.unroll.samples.pronounce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.runtime.seq2seq.SequenceMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged model on held-out words of the dictionary (the model project's test file). */
class PronouncerTest {
  private static final Path TEST = Path.of("../model/src/test/data/cmudict-test.tsv");
  private static final int WORDS = 300;
  private static Pronouncer pronouncer;
  private static List<String[]> pairs;

  @BeforeAll
  static void load() throws IOException {
    pronouncer = new Pronouncer();
    pairs = Files.readAllLines(TEST, StandardCharsets.UTF_8).stream().limit(WORDS).map(l -> l.split("\t")).toList();
  }

  private static int[] ids(List<String> phonemes, Map<String, Integer> ids) {
    return phonemes.stream().mapToInt(p -> ids.computeIfAbsent(p, k -> ids.size())).toArray();
  }

  private static SequenceMetrics measure(int beam) {
    SequenceMetrics m = new SequenceMetrics();
    Map<String, Integer> ids = new HashMap<>();
    for (String[] pair : pairs) {
      m.add(ids(pronouncer.pronounce(pair[0], beam).symbols(), ids), ids(List.of(pair[1].split(" ")), ids));
    }
    return m;
  }

  @Test
  void pronouncesHeldOutWordsAndBeamSearchDoesNoWorse() {
    SequenceMetrics greedy = measure(1);
    SequenceMetrics beam = measure(5);
    // A model that learnt nothing but the commonest phonemes scores near 1; the trained one far below.
    assertTrue(greedy.errorRate() < 0.35, "phoneme error rate " + greedy.errorRate());
    assertTrue(greedy.sequenceAccuracy() > 0.25, "words right " + greedy.sequenceAccuracy());
    assertTrue(beam.errorRate() <= greedy.errorRate() + 0.02,
        "beam " + beam.errorRate() + " against greedy " + greedy.errorRate());
  }

  @Test
  void attentionFollowsTheSpellingFromLeftToRight() {
    int forward = 0;
    int steps = 0;
    for (String[] pair : pairs.subList(0, 100)) {
      TrainedTranslator.Translation t = pronouncer.pronounce(pair[0], 1);
      int previous = -1;
      for (float[] row : t.attention()) {
        assertEquals(pair[0].length(), row.length);
        float sum = 0;
        int best = 0;
        for (int j = 0; j < row.length; j++) {
          sum += row[j];
          best = row[j] > row[best] ? j : best;
        }
        assertEquals(1f, sum, 1e-4f, "weights of one step sum to 1");
        if (previous >= 0) {
          steps++;
          forward += best >= previous ? 1 : 0;
        }
        previous = best;
      }
    }
    // English spelling runs with the sound: the letter attended to most rarely moves backwards.
    assertTrue(forward >= 0.8 * steps, forward + " of " + steps + " steps keep or advance the attended letter");
  }

  @Test
  void lettersOutsideTheAlphabetReadAsUnknown() {
    TrainedTranslator.Translation t = pronouncer.pronounce("café", 1);
    assertEquals(List.of("c", "a", "f", "<unk>"), t.source());
    assertFalse(t.symbols().isEmpty());
  }
}
