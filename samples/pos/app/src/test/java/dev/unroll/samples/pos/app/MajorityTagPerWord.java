package dev.unroll.samples.pos.app;

import dev.unroll.training.data.TaggedSequences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The naive tagger a POS model must beat: each word (lower-cased, as the model reads it) gets the
 * tag it had most often in the training file, and a word never seen there the most frequent tag
 * of all. Ties go to the tag first in string order, so the figure is deterministic.
 */
final class MajorityTagPerWord {
  private final Map<String, String> tagOfWord = new HashMap<>();
  private final String mostFrequentTag;

  MajorityTagPerWord(TaggedSequences training) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    Map<String, Integer> tagCounts = new TreeMap<>();
    for (int s = 0; s < training.size(); s++) {
      String[] words = training.words().get(s);
      String[] tags = training.tags().get(s);
      for (int i = 0; i < words.length; i++) {
        counts.computeIfAbsent(key(words[i]), w -> new TreeMap<>()).merge(tags[i], 1, Integer::sum);
        tagCounts.merge(tags[i], 1, Integer::sum);
      }
    }
    counts.forEach((word, tags) -> tagOfWord.put(word, mostFrequent(tags)));
    mostFrequentTag = mostFrequent(tagCounts);
  }

  List<String> tag(String[] sentence) {
    List<String> out = new ArrayList<>(sentence.length);
    for (String word : sentence) {
      out.add(tagOfWord.getOrDefault(key(word), mostFrequentTag));
    }
    return out;
  }

  String mostFrequentTag() {
    return mostFrequentTag;
  }

  private static String key(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  private static String mostFrequent(Map<String, Integer> countsInStringOrder) {
    String best = null;
    for (Map.Entry<String, Integer> e : countsInStringOrder.entrySet()) {
      if (best == null || e.getValue() > countsInStringOrder.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }
}
