package dev.unroll.runtime.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceMetricsTest {

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, SequenceMetrics.editDistance(new int[] {1, 2, 3}, new int[] {1, 2, 3}));
    assertEquals(1, SequenceMetrics.editDistance(new int[] {1, 2, 3}, new int[] {1, 4, 3}));
    assertEquals(1, SequenceMetrics.editDistance(new int[] {1, 3}, new int[] {1, 2, 3}));
    assertEquals(1, SequenceMetrics.editDistance(new int[] {1, 2, 2, 3}, new int[] {1, 2, 3}));
    assertEquals(3, SequenceMetrics.editDistance(new int[] {}, new int[] {1, 2, 3}));
    // kitten -> sitting: 3
    assertEquals(3, SequenceMetrics.editDistance(new int[] {'k', 'i', 't', 't', 'e', 'n'},
        new int[] {'s', 'i', 't', 't', 'i', 'n', 'g'}));
  }

  @Test
  void ratesAreOverReferenceSymbolsAndSequences() {
    SequenceMetrics m = new SequenceMetrics();
    m.add(new int[] {1, 2, 3}, new int[] {1, 2, 3});
    m.add(new int[] {1, 5}, new int[] {1, 2, 4});
    assertEquals(4.0 / 6, m.tokenAccuracy(), 1e-12);
    assertEquals(0.5, m.sequenceAccuracy(), 1e-12);
    assertEquals(0.5, m.sequenceErrorRate(), 1e-12);
    assertEquals(2.0 / 6, m.errorRate(), 1e-12);
  }
}
