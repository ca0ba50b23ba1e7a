package dev.unroll.runtime.seq2seq;

/**
 * Accumulates the metrics of predicted against reference sequences: token accuracy (position by
 * position over the reference's length), exact-sequence accuracy, and the edit-distance error rate
 * (Levenshtein distance summed over sequences / reference symbols summed, e.g. the phoneme error
 * rate). Sequences are given without start and end symbols.
 */
public final class SequenceMetrics {
  private long tokens;
  private long correctTokens;
  private long sequences;
  private long exact;
  private long edits;

  /** Adds one predicted sequence and its reference. */
  public void add(int[] predicted, int[] reference) {
    sequences++;
    tokens += reference.length;
    for (int i = 0; i < reference.length; i++) {
      if (i < predicted.length && predicted[i] == reference[i]) {
        correctTokens++;
      }
    }
    if (java.util.Arrays.equals(predicted, reference)) {
      exact++;
    }
    edits += editDistance(predicted, reference);
  }

  /** Reference positions predicted correctly, over all reference symbols (0 when none). */
  public double tokenAccuracy() {
    return tokens == 0 ? 0 : (double) correctTokens / tokens;
  }

  /** Sequences predicted exactly, over all sequences (0 when none). */
  public double sequenceAccuracy() {
    return sequences == 0 ? 0 : (double) exact / sequences;
  }

  /** Edit operations needed, over all reference symbols (0 when none; may exceed 1). */
  public double errorRate() {
    return tokens == 0 ? 0 : (double) edits / tokens;
  }

  /** 1 - sequence accuracy: the word error rate of a pronunciation model, say. */
  public double sequenceErrorRate() {
    return 1 - sequenceAccuracy();
  }

  /** The Levenshtein distance: insertions, deletions and substitutions turning a into b. */
  public static int editDistance(int[] a, int[] b) {
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length];
  }
}
