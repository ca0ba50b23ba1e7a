package dev.unroll.runtime.hopfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternFileTest {

  @Test
  void readsPlusMinusAndOneZeroLinesSkippingCommentsAndBlanks() {
    List<int[]> p = PatternFile.parse("p.txt", "# two patterns\n+-+-\n\n1100\n");
    assertEquals(2, p.size());
    assertArrayEquals(new int[] {1, -1, 1, -1}, p.get(0));
    assertArrayEquals(new int[] {1, 1, -1, -1}, p.get(1));
  }

  @Test
  void aBackslashContinuesAPatternSoGlyphsCanBeDrawn() {
    List<int[]> p = PatternFile.parse("g.txt", "# T\n+++\\\n-+-\\\n-+-\n# L\n+--\\\r\n+--\\\n+++\n");
    assertEquals(2, p.size());
    assertArrayEquals(new int[] {1, 1, 1, -1, 1, -1, -1, 1, -1}, p.get(0));
    assertArrayEquals(new int[] {1, -1, -1, 1, -1, -1, 1, 1, 1}, p.get(1));
  }

  @Test
  void spacesAndBarsAlign() {
    assertArrayEquals(new int[] {1, -1, -1, 1}, PatternFile.parse("p", "+ - | - +").get(0));
  }

  @Test
  void errorsNameTheFileLineAndWhatIsExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatternFile.parse("p.txt", "+-\n+x\n"));
    assertEquals("p.txt:2: unexpected 'x' in a pattern; write + or 1 for +1 and - or 0 for -1 (spaces and | are"
        + " ignored, \\ at the end continues the pattern on the next line, # starts a comment line)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PatternFile.parse("p.txt", "+-+\n\n+-\n"));
    assertEquals("p.txt:3: pattern 2 has 2 units, the first (line 1) has 3; every pattern needs the same number of"
        + " units", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PatternFile.parse("p.txt", "# nothing\n"));
    assertEquals("p.txt: no patterns; write one pattern a line of + and - (or 1 and 0)", e.getMessage());
  }
}
