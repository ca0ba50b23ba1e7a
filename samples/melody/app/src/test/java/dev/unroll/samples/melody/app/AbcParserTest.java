package dev.unroll.samples.melody.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbcParserTest {

  private static Tune tune(String header, String body) {
    return AbcParser.parse("X:1\n" + header + "\n" + body + "\n");
  }

  @Test
  void aLineInGMajorBecomesMidiNotesAndDurations() {
    // L:1/8 at 480 ticks a quarter: an eighth is 240 ticks. K:G sharpens every F.
    Tune t = tune("M:6/8\nL:1/8\nK:G", "GAB c2d | e>fg d'z2 | F,/G,/ G,3 |]");
    // G4 A4 B4 C5 D5 | E5 F#5 G5 D6 rest | F#3 G3 G3
    assertArrayEquals(new int[] {67, 69, 71, 72, 74, 76, 78, 79, 86, 54, 55, 55}, t.pitches());
    assertArrayEquals(new int[] {240, 240, 240, 480, 240, 360, 120, 240, 240, 480, 120, 120, 720}, t.durations());
    assertEquals("6/8", t.meter());
  }

  @Test
  void accidentalsHoldToTheEndOfTheBarAndKeysFollowTheirMode() {
    Tune t = tune("L:1/4\nK:Dmix", "F ^c c =F | c _B B ^^G |");
    // D mixolydian has the signature of G major: F#, C natural.
    assertArrayEquals(new int[] {66, 73, 73, 65, 72, 70, 70, 69}, t.pitches());
    assertEquals("G", KeySignature.parse("Em").relativeMajor());
    assertEquals("Bb", KeySignature.parse("Gm").relativeMajor());
    assertEquals("G", KeySignature.parse("Ador").relativeMajor());
    assertEquals("C", KeySignature.parse("Aaeolian").relativeMajor());
  }

  @Test
  void tripletsBrokenRhythmAndDefaultUnit() {
    // M:2/4 below 3/4: the default unit is a sixteenth (120 ticks).
    Tune t = tune("M:2/4\nK:C", "(3cde c2 | A<B z4 |");
    assertArrayEquals(new int[] {80, 80, 80, 240, 60, 180, 480}, t.durations());
  }

  @Test
  void repeatsTiesSlursChordSymbolsAndLyricsAreReadThrough() {
    Tune t = tune("L:1/8\nK:C", "|: \"Am\"(AB) c-c :|1 d2 :|2 e2 |]\nw: la la la");
    assertArrayEquals(new int[] {69, 71, 72, 72, 74, 76}, t.pitches());
  }

  @Test
  void unsupportedConstructsAreNamedWithTheirPlace() {
    AbcException e = assertThrows(AbcException.class, () -> tune("L:1/8\nK:C", "ABc [CEG]2 |"));
    assertEquals("line 4, column 5: a chord or inline field [ is not supported (in \"ABc [CEG]2 |\"); supported: notes,"
        + " accidentals, octaves, lengths, broken rhythm, tuplets, rests, bars, ties, slurs", e.getMessage());
    e = assertThrows(AbcException.class, () -> tune("L:1/8\nK:C", "{g}AB |"));
    assertTrue(e.getMessage().startsWith("line 4, column 1: a grace note { is not supported"), e.getMessage());
    e = assertThrows(AbcException.class, () -> tune("K:C clef=bass", "AB |"));
    assertTrue(e.getMessage().startsWith("unsupported key \"C clef=bass\""), e.getMessage());
    e = assertThrows(AbcException.class, () -> tune("K:C", "AB |\nK:G\nAB |"));
    assertTrue(e.getMessage().contains("field K: in the tune body is not supported"), e.getMessage());
    e = assertThrows(AbcException.class, () -> AbcParser.parse("X:1\nT:No key\nABC|\n"));
    assertEquals("line 3: music before the K: field, which ends the header", e.getMessage());
  }

  @Test
  void aTuneBookSplitsAtItsXLines() {
    List<String> tunes = AbcParser.splitTunes("% book\nX:1\nK:C\nC|\n\nX:2\nK:G\nG|\n");
    assertEquals(List.of("X:1\nK:C\nC|", "X:2\nK:G\nG|"), tunes);
  }
}
