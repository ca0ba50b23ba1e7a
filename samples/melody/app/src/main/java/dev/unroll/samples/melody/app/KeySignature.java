package dev.unroll.samples.melody.app;

import java.util.Locale;
import java.util.Map;

/**
 * An ABC key ({@code K:} field): a tonic with an optional {@code #} or {@code b} and a mode, e.g.
 * {@code G}, {@code Am}, {@code Bb}, {@code F#m}, {@code Ddor}, {@code Amix}; it gives the
 * semitone shift (-1, 0 or +1) of each note letter.
 */
public final class KeySignature {
  /** Sharps (positive) or flats (negative) of each major key, by tonic. */
  private static final Map<String, Integer> MAJOR = Map.ofEntries(
      Map.entry("C", 0), Map.entry("G", 1), Map.entry("D", 2), Map.entry("A", 3), Map.entry("E", 4),
      Map.entry("B", 5), Map.entry("F#", 6), Map.entry("C#", 7), Map.entry("F", -1), Map.entry("Bb", -2),
      Map.entry("Eb", -3), Map.entry("Ab", -4), Map.entry("Db", -5), Map.entry("Gb", -6), Map.entry("Cb", -7));
  /** Fifths each mode lies below its relative major, e.g. A minor (aeolian) is 3 fifths below A major. */
  private static final Map<String, Integer> MODE_SHIFT = Map.ofEntries(
      Map.entry("", 0), Map.entry("maj", 0), Map.entry("ion", 0), Map.entry("m", -3), Map.entry("min", -3),
      Map.entry("aeo", -3), Map.entry("mix", -1), Map.entry("dor", -2), Map.entry("phr", -4), Map.entry("lyd", 1),
      Map.entry("loc", -5));
  private static final String SHARP_ORDER = "FCGDAEB";
  private static final String FLAT_ORDER = "BEADGCF";
  private static final String[] FIFTHS = {"Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B",
      "F#", "C#"};

  private final String text;
  private final int[] shift = new int[7];

  private KeySignature(String text, int fifths) {
    this.text = text;
    for (int i = 0; i < fifths; i++) {
      shift[letterIndex(SHARP_ORDER.charAt(i))] = 1;
    }
    for (int i = 0; i < -fifths; i++) {
      shift[letterIndex(FLAT_ORDER.charAt(i))] = -1;
    }
  }

  /**
   * Parses a {@code K:} value.
   *
   * @throws AbcException for anything but a tonic, accidental and one of the modes maj, m, min,
   *     ion, aeo, mix, dor, phr, lyd, loc (clefs, explicit accidentals, {@code none}, bagpipe keys)
   */
  public static KeySignature parse(String value) {
    String v = value.strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-G])([#b]?)\\s*([A-Za-z]*)").matcher(v);
    if (!m.matches()) {
      throw new AbcException("unsupported key \"" + value + "\"; supported: a tonic A-G, an optional # or b, and a mode"
          + " (maj, m, min, ion, aeo, mix, dor, phr, lyd, loc)");
    }
    String mode = m.group(3).toLowerCase(Locale.ROOT);
    String modeKey = mode.length() > 3 ? mode.substring(0, 3) : mode;
    if (mode.equals("m") || mode.equals("min") || mode.equals("minor")) {
      modeKey = "m";
    } else if (mode.equals("major")) {
      modeKey = "maj";
    }
    Integer modeShift = MODE_SHIFT.get(modeKey);
    Integer tonicFifths = MAJOR.get(m.group(1) + m.group(2));
    if (modeShift == null || tonicFifths == null) {
      throw new AbcException("unsupported key \"" + value + "\"; supported modes: maj, m, min, ion, aeo, mix, dor, phr,"
          + " lyd, loc");
    }
    int fifths = tonicFifths + modeShift;
    if (fifths < -7 || fifths > 7) {
      throw new AbcException("key \"" + value + "\" needs " + Math.abs(fifths) + " accidentals; at most 7 are supported");
    }
    return new KeySignature(v, fifths);
  }

  /** The semitone shift the key gives the note letter {@code A}-{@code G} (either case). */
  public int shift(char letter) {
    return shift[letterIndex(Character.toUpperCase(letter))];
  }

  /** The key as written. */
  @Override
  public String toString() {
    return text;
  }

  /** The major key with the same signature, e.g. {@code G} for {@code Em}; for tests and summaries. */
  public String relativeMajor() {
    int sharps = 0;
    int flats = 0;
    for (int s : shift) {
      sharps += s > 0 ? 1 : 0;
      flats += s < 0 ? 1 : 0;
    }
    return FIFTHS[7 + sharps - flats];
  }

  private static int letterIndex(char upper) {
    return "CDEFGAB".indexOf(upper);
  }
}
