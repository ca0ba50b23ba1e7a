package dev.unroll.samples.tagger.app;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Entities as spans of BIO tags, and the entity-level F1 of predicted against gold spans. */
public final class Entities {
  private Entities() {}

  /** One entity: its type and the words {@code [start, end)} of its sentence. */
  public record Span(int sentence, String type, int start, int end) {}

  /**
   * The spans of a tag sequence: a B- tag starts one, I- tags of the same type continue it; an I-
   * tag that continues nothing starts a span too (the usual lenient reading).
   */
  public static void spans(int sentence, List<String> tags, Set<Span> into) {
    String type = null;
    int start = -1;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      boolean continues = tag.startsWith("I-") && tag.substring(2).equals(type);
      if (!continues && type != null) {
        into.add(new Span(sentence, type, start, i));
        type = null;
      }
      if (!continues && !tag.equals("O")) {
        type = tag.substring(2);
        start = i;
      }
    }
  }

  /** Precision, recall and F1 of exact span-and-type matches. */
  public record Score(double precision, double recall, double f1) {
    public static Score of(Set<Span> gold, Set<Span> predicted) {
      Set<Span> correct = new HashSet<>(predicted);
      correct.retainAll(gold);
      double p = predicted.isEmpty() ? 0 : (double) correct.size() / predicted.size();
      double r = gold.isEmpty() ? 0 : (double) correct.size() / gold.size();
      return new Score(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
  }
}
