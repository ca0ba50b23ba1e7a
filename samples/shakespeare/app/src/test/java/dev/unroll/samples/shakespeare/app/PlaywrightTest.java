package dev.unroll.samples.shakespeare.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlaywrightTest {
  /** Bits per character of predicting Shakespeare from the training text's character frequencies. */
  private static final double UNIGRAM_BITS = 4.83;

  private static Playwright playwright;

  @BeforeAll
  static void load() throws Exception {
    playwright = new Playwright();
  }

  /** The last 2,000 characters of the corpus are in the held-out tenth the model never trained on. */
  @Test
  void predictsAHeldOutPassageFarBetterThanCharacterFrequencies() throws Exception {
    String passage = new String(PlaywrightTest.class.getResourceAsStream("/held-out-passage.txt").readAllBytes(),
        StandardCharsets.UTF_8);
    double bits = playwright.bitsPerCharacter(passage);
    System.out.printf(Locale.ROOT, "held-out passage: %.2f bits per character (unigram baseline %.2f)%n", bits,
        UNIGRAM_BITS);
    assertTrue(bits < 3.0, "bits per character " + bits);
  }

  @Test
  void writesOnlyItsCharactersTheSameWayForTheSameSeed() {
    String text = playwright.write("ROMEO:", 200, 1.0, 7);
    assertEquals(200, text.codePointCount(0, text.length()));
    assertEquals(text, playwright.write("ROMEO:", 200, 1.0, 7));
    assertNotEquals(text, playwright.write("ROMEO:", 200, 1.0, 8));
    text.codePoints().forEach(c -> assertTrue(playwright.vocabulary().contains(new String(Character.toChars(c))),
        "unknown character " + c));
  }

  /** A lower temperature picks likelier characters: the model itself finds that text easier. */
  @Test
  void coolerTextIsMoreProbableUnderTheModel() {
    double cool = playwright.bitsPerCharacter("ROMEO:" + playwright.write("ROMEO:", 400, 0.5, 3));
    double warm = playwright.bitsPerCharacter("ROMEO:" + playwright.write("ROMEO:", 400, 1.0, 3));
    System.out.printf(Locale.ROOT, "own text: %.2f bits/char at temperature 0.5, %.2f at 1.0%n", cool, warm);
    assertTrue(cool < warm, cool + " vs " + warm);
  }
}
