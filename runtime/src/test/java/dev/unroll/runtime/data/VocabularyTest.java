package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void charactersAreSortedByCodePoint() {
    Vocabulary v = Vocabulary.ofCharacters("hello\n\uD83D\uDE00 world");
    assertEquals(List.of("\n", " ", "d", "e", "h", "l", "o", "r", "w", "\uD83D\uDE00"),
        v.symbols());
    assertEquals(v, Vocabulary.ofCharacters("\uD83D\uDE00 dlrow\nolleh"),
        "order of the text does not matter");
    assertEquals(9, v.index("\uD83D\uDE00"), "a supplementary character is one symbol");
    assertEquals("h", v.symbol(4));
    assertFalse(v.hasUnknown());
  }

  @Test
  void unknownCharacterWithoutUnknownEntryIsNamed() {
    Vocabulary v = Vocabulary.ofCharacters("abc");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.index("z"));
    assertTrue(e.getMessage().contains("\"z\""), e.getMessage());
    assertEquals(-1, v.indexOf("z"));
  }

  @Test
  void unknownCharacterMapsToUnknownWhenPresent() {
    Vocabulary v = Vocabulary.ofCharacters("abc", true);
    assertEquals(4, v.size());
    assertEquals(0, v.unknownIndex());
    assertEquals(0, v.index("z"));
    assertEquals(0, v.indexOrUnknown("z"));
    assertEquals(1, v.index("a"));
  }

  @Test
  void tokensByFrequencyWithMinCount() {
    List<String> tokens = List.of("the", "cat", "the", "dog", "the", "cat", "eel");
    Vocabulary v = Vocabulary.ofTokens(tokens, 2, true);
    assertEquals(List.of(Vocabulary.UNKNOWN, "the", "cat"), v.symbols());
    assertEquals(0, v.index("dog"), "below minCount: unknown");
    Vocabulary all = Vocabulary.ofTokens(tokens, 1, false);
    assertEquals(List.of("the", "cat", "dog", "eel"), all.symbols(), "ties in string order");
    assertThrows(IllegalArgumentException.class, () -> all.index("fox"));
  }

  @Test
  void jsonRoundTrip() {
    Vocabulary v = Vocabulary.ofCharacters("a\"b\\c\n\t\u00e9\uD83D\uDE00", true);
    String json = v.toJson();
    Vocabulary back = Vocabulary.fromJson(json);
    assertEquals(v, back);
    assertEquals(v.hashCode(), back.hashCode());
    assertEquals(0, back.index("?"));
    assertNotEquals(v, Vocabulary.ofCharacters("ab"));
    assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.fromJson("{\"symbols\":[\"a\",\"a\"]}"));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromJson("[1]"));
  }
}
