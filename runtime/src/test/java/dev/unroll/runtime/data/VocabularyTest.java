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
  void lowercasingVocabularyCountsAndLooksUpLowerCase() {
    List<String> tokens = List.of("The", "cat", "the", "Cat", "THE", "Dog");
    Vocabulary v = Vocabulary.ofTokens(tokens, new WordOptions(true, 2), true);
    // "the" 3 times and "cat" twice once lower-cased; "dog" once, below minCount.
    assertEquals(List.of(Vocabulary.UNKNOWN, "the", "cat"), v.symbols());
    assertTrue(v.lowercase());
    assertEquals(1, v.index("THE"));
    assertEquals(1, v.indexOf("tHe"));
    assertTrue(v.contains("CAT"));
    assertEquals(0, v.index("Dog"), "seen fewer than minCount times: unknown");
    assertFalse(v.contains("dog"));

    Vocabulary asWritten = Vocabulary.ofTokens(tokens, WordOptions.DEFAULT, true);
    assertEquals(List.of(Vocabulary.UNKNOWN, "Cat", "Dog", "THE", "The", "cat", "the"),
        asWritten.symbols(), "without lower-casing every spelling is its own word");
    assertFalse(asWritten.lowercase());
    assertEquals(0, Vocabulary.ofTokens(tokens, WordOptions.DEFAULT.withMinCount(2), true)
        .size() - 1, "no spelling is seen twice");
  }

  @Test
  void minCountBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WordOptions(false, 0));
    assertTrue(e.getMessage().contains("minCount"), e.getMessage());
  }

  @Test
  void firstSymbolsKeepLowercasing() {
    Vocabulary v = Vocabulary.ofTokens(List.of("b", "A", "a", "c"), new WordOptions(true, 1), true);
    assertEquals(List.of(Vocabulary.UNKNOWN, "a", "b", "c"), v.symbols());
    Vocabulary two = v.first(3);
    assertEquals(List.of(Vocabulary.UNKNOWN, "a", "b"), two.symbols());
    assertEquals(1, two.index("A"));
    assertEquals(0, two.index("C"));
    assertThrows(IllegalArgumentException.class, () -> v.first(5));
  }

  @Test
  void lowercasingSurvivesJson() {
    Vocabulary v = Vocabulary.ofTokens(List.of("Word", "word"), new WordOptions(true, 1), true);
    Vocabulary back = Vocabulary.fromJson(v.toJson());
    assertEquals(v, back);
    assertTrue(back.lowercase());
    assertEquals(1, back.index("WORD"));
    Vocabulary plain = Vocabulary.fromJson("{\"symbols\":[\"<unk>\",\"word\"]}");
    assertFalse(plain.lowercase(), "a vocabulary saved before the option is read as written");
    assertEquals(0, plain.index("Word"));
    assertNotEquals(v, plain);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.fromJson("{\"symbols\":[\"a\"],\"lowercase\":\"yes\"}"));
    assertTrue(e.getMessage().contains("lowercase"), e.getMessage());
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
