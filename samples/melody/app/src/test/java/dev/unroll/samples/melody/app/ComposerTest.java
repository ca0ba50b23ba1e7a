package dev.unroll.samples.melody.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged model writes tunes the converter reads, and predicts unseen tunes better than character frequencies. */
class ComposerTest {

  /** Bits per character of the held-out tunes under the training tunes' character frequencies (tools/README). */
  private static final double UNIGRAM_BITS = 4.47;

  private static Composer composer;

  @BeforeAll
  static void load() throws Exception {
    composer = new Composer();
  }

  @Test
  void tunesContinuingAHeaderConvertToMidi() {
    int converted = 0;
    for (int n = 1; n <= 10; n++) {
      String abc = composer.compose(MelodyApp.prime(n), 1200, 0.8, n);
      assertTrue(abc.startsWith(MelodyApp.prime(n)), abc);
      try {
        Tune tune = AbcParser.parse(abc);
        assertTrue(tune.pitches().length >= 4, "a tune of " + tune.pitches().length + " notes:\n" + abc);
        assertEquals(MidiFiles.sequence(tune).getTracks()[0].size(), 2 * tune.pitches().length + 3,
            "tempo, program, a note on and off per note, end of track");
        converted++;
      } catch (AbcException e) {
        // counted below; an unsupported construct is allowed now and then
      }
    }
    assertTrue(converted >= 8, "only " + converted + " of 10 generated tunes are in the supported ABC subset");
  }

  @Test
  void unseenTunesCostFewerBitsThanCharacterFrequencies() throws Exception {
    String text;
    try (InputStream in = ComposerTest.class.getResourceAsStream("/held-out-tunes.abc")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    double bits = composer.bitsPerCharacter(text);
    assertTrue(bits < UNIGRAM_BITS - 1.0, bits + " bits per character on held-out tunes, unigram " + UNIGRAM_BITS);
  }
}
