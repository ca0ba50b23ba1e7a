package dev.unroll.samples.melody.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small subset of ABC notation (v2.1) into a {@link Tune}: the header fields {@code X T M
 * L Q K} (others ignored), and a body of notes with accidentals ({@code ^ ^^ _ __ =}, holding to the
 * end of the bar for that note, the key's otherwise), octaves ({@code C} is middle C, {@code c} an
 * octave up, {@code ,} and {@code '} move an octave), lengths ({@code 2}, {@code 3/2}, {@code /},
 * {@code //}), broken rhythm ({@code > <}), rests ({@code z x}), bar lines and repeat signs
 * ({@code | || |] [| |: :| :: [1 |2}, played once, straight through), tuplets ({@code (3abc}, without
 * {@code :q:r}), ties and slurs (ignored,
 * so tied notes are struck again), chord symbols in quotes (ignored), comments, and lyrics lines
 * (ignored). Anything else (chords, grace notes, decorations, inline fields, several
 * voices, a key or meter change in the body) is an {@link AbcException} naming it and its place.
 */
public final class AbcParser {
  /** MIDI ticks per quarter note of the tunes read. */
  public static final int TICKS_PER_QUARTER = 480;

  private AbcParser() {}

  /** Splits a tune book into tunes: each starts at an {@code X:} line; text before the first is dropped. */
  public static List<String> splitTunes(String book) {
    List<String> tunes = new ArrayList<>();
    StringBuilder current = null;
    for (String line : book.split("\r?\n")) {
      if (line.startsWith("X:")) {
        if (current != null) {
          tunes.add(current.toString().strip());
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      tunes.add(current.toString().strip());
    }
    return tunes;
  }

  /** Parses one tune, header and body. */
  public static Tune parse(String abc) {
    String title = "";
    String meter = "";
    String unit = null;
    int tempo = 120;
    KeySignature key = null;
    List<String> body = new ArrayList<>();
    String[] lines = abc.split("\r?\n");
    int bodyStart = -1;
    for (int n = 0; n < lines.length; n++) {
      String line = stripComment(lines[n]);
      if (line.isBlank()) {
        continue;
      }
      boolean field = line.length() >= 2 && Character.isLetter(line.charAt(0)) && line.charAt(1) == ':';
      if (key == null) {
        if (!field) {
          throw new AbcException("line " + (n + 1) + ": music before the K: field, which ends the header");
        }
        String value = line.substring(2).strip();
        switch (line.charAt(0)) {
          case 'T' -> title = title.isEmpty() ? value : title;
          case 'M' -> meter = value;
          case 'L' -> unit = value;
          case 'Q' -> tempo = tempo(value);
          case 'K' -> {
            key = KeySignature.parse(value);
            bodyStart = n + 1;
          }
          default -> { } // X, C, R, Z, O, S, ... say nothing about the notes
        }
      } else if (field) {
        if (line.charAt(0) != 'w' && line.charAt(0) != 'W') {
          throw new AbcException("line " + (n + 1) + ": field " + line.charAt(0) + ": in the tune body is not supported"
              + " (only lyrics, w:, are skipped)");
        }
      } else {
        body.add(n + 1 + "\u0000" + line);
      }
    }
    if (key == null) {
      throw new AbcException("no K: field; a tune's header ends with its key, e.g. K:G");
    }
    int[] unitFraction = fraction(unit != null ? unit : defaultUnit(meter), "L:");
    int unitTicks = 4 * TICKS_PER_QUARTER * unitFraction[0] / unitFraction[1];
    List<Tune.Event> events = new ArrayList<>();
    Body reader = new Body(key, unitTicks, events);
    for (String entry : body) {
      int sep = entry.indexOf('\u0000');
      reader.line(Integer.parseInt(entry.substring(0, sep)), entry.substring(sep + 1));
    }
    if (events.isEmpty() && bodyStart >= 0) {
      throw new AbcException("the tune has no notes");
    }
    return new Tune(title, meter.isEmpty() ? "4/4" : meter, key, TICKS_PER_QUARTER, tempo, List.copyOf(events));
  }

  private static String stripComment(String line) {
    int c = line.indexOf('%');
    return c < 0 ? line : line.substring(0, c);
  }

  /** ABC's default unit: 1/16 for meters below 3/4, else 1/8. */
  private static String defaultUnit(String meter) {
    if (meter.isEmpty() || meter.equals("C") || meter.equals("C|") || meter.equalsIgnoreCase("none")) {
      return "1/8";
    }
    int[] m = fraction(meter, "M:");
    return 4 * m[0] < 3 * m[1] ? "1/16" : "1/8";
  }

  private static int[] fraction(String text, String field) {
    String[] parts = text.strip().split("/");
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AbcException(field + text + " is not a fraction such as 1/8");
  }

  /** Quarter notes per minute from {@code Q:120} or {@code Q:1/4=120} (or {@code 3/8=120}); 120 if unreadable. */
  private static int tempo(String value) {
    try {
      int eq = value.indexOf('=');
      if (eq < 0) {
        return Integer.parseInt(value.strip());
      }
      int[] beat = fraction(value.substring(0, eq), "Q:");
      int perMinute = Integer.parseInt(value.substring(eq + 1).replaceAll("\".*", "").strip());
      return Math.max(1, perMinute * 4 * beat[0] / beat[1]);
    } catch (RuntimeException e) {
      return 120;
    }
  }

  /** Reads body lines, keeping the accidentals of the current bar and a pending broken rhythm. */
  private static final class Body {
    private final KeySignature key;
    private final int unitTicks;
    private final List<Tune.Event> events;
    private final Map<Integer, Integer> barAccidentals = new HashMap<>();
    private int broken; // > (positive) or < (negative) count waiting for the next note
    private int tupletNotes; // notes still to play in the current tuplet
    private int tupletP = 1;
    private int tupletQ = 1;
    private String text;
    private int pos;
    private int lineNumber;

    Body(KeySignature key, int unitTicks, List<Tune.Event> events) {
      this.key = key;
      this.unitTicks = unitTicks;
      this.events = events;
    }

    void line(int number, String line) {
      text = line;
      pos = 0;
      lineNumber = number;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\\' || c == '-' || c == ')') {
          pos++;
        } else if (c == '(' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
          tuplet();
        } else if (c == '(') {
          pos++; // a slur
        } else if (c == '"') {
          int end = text.indexOf('"', pos + 1);
          if (end < 0) {
            throw error("an unclosed chord symbol \"");
          }
          pos = end + 1;
        } else if (c == '|' || c == ':' || (c == '[' && pos + 1 < text.length()
            && (text.charAt(pos + 1) == '|' || Character.isDigit(text.charAt(pos + 1))))) {
          bar();
        } else if (c == '>' || c == '<') {
          brokenRhythm(c);
        } else if (c == 'z' || c == 'x') {
          pos++;
          add(Tune.Event.REST, length());
        } else if ("^_=ABCDEFGabcdefg".indexOf(c) >= 0) {
          note();
        } else {
          throw error(describe(c) + " is not supported");
        }
      }
    }

    private void bar() {
      while (pos < text.length() && "|:[]".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == ',')) {
        pos++; // the ending numbers of [1 |2 :|1,2
      }
      barAccidentals.clear();
    }

    /** {@code (p}: the next p notes take the time of q (3 in the time of 2, 2 and 4 in the time of 3, 6 of 2). */
    private void tuplet() {
      pos++;
      int p = number(0);
      if (p < 2 || p > 9 || (pos < text.length() && text.charAt(pos) == ':')) {
        throw error("a tuplet (" + p + (pos < text.length() && text.charAt(pos) == ':' ? ":" : "")
            + "; supported: (2 to (9 without :q:r");
      }
      tupletP = p;
      tupletQ = p == 2 || p == 4 || p == 8 ? 3 : 2;
      tupletNotes = p;
    }

    private void brokenRhythm(char c) {
      if (events.isEmpty() || broken != 0) {
        throw error("a broken rhythm " + c + " must stand between two notes");
      }
      int count = 0;
      while (pos < text.length() && text.charAt(pos) == c) {
        count++;
        pos++;
      }
      if (count > 3) {
        throw error("a broken rhythm of more than three " + c);
      }
      broken = c == '>' ? count : -count;
      // The previous note is lengthened (>) or shortened (<) now; the next one the other way.
      Tune.Event last = events.remove(events.size() - 1);
      int denominator = 1 << count;
      int ticks = broken > 0 ? last.ticks() * (2 * denominator - 1) / denominator : last.ticks() / denominator;
      events.add(new Tune.Event(last.pitch(), ticks));
    }

    private void note() {
      int accidental = 0;
      boolean explicit = false;
      while (pos < text.length() && "^_=".indexOf(text.charAt(pos)) >= 0) {
        char a = text.charAt(pos++);
        explicit = true;
        accidental += a == '^' ? 1 : a == '_' ? -1 : 0;
        if (a == '=' && accidental != 0) {
          throw error("a natural after a sharp or flat");
        }
      }
      if (pos >= text.length() || "ABCDEFGabcdefg".indexOf(text.charAt(pos)) < 0) {
        throw error("an accidental without a note");
      }
      char letter = text.charAt(pos++);
      int octave = Character.isLowerCase(letter) ? 1 : 0;
      while (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == '\'')) {
        octave += text.charAt(pos++) == ',' ? -1 : 1;
      }
      int natural = 60 + 12 * octave + new int[] {0, 2, 4, 5, 7, 9, 11}["CDEFGAB".indexOf(Character.toUpperCase(letter))];
      int shift;
      if (explicit) {
        shift = accidental;
        barAccidentals.put(natural, accidental);
      } else {
        shift = barAccidentals.getOrDefault(natural, key.shift(letter));
      }
      int pitch = natural + shift;
      if (pitch < 0 || pitch > 127) {
        throw error("note " + letter + " is outside the MIDI range");
      }
      add(pitch, length());
    }

    /** A length suffix: {@code 2}, {@code 3/2}, {@code /}, {@code //}, {@code /4}, in units of L:. */
    private int length() {
      int numerator = number(1);
      int denominator = 1;
      while (pos < text.length() && text.charAt(pos) == '/') {
        pos++;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          denominator *= number(2);
        } else {
          denominator *= 2;
        }
      }
      if ((long) unitTicks * numerator % denominator != 0) {
        throw error("a length of " + numerator + "/" + denominator + " units does not fit the MIDI resolution");
      }
      return unitTicks * numerator / denominator;
    }

    private int number(int absent) {
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      return pos == start ? absent : Integer.parseInt(text.substring(start, pos));
    }

    private void add(int pitch, int ticks) {
      if (tupletNotes > 0) {
        if (ticks * tupletQ % tupletP != 0) {
          throw error("a tuplet note that does not fit the MIDI resolution");
        }
        ticks = ticks * tupletQ / tupletP;
        tupletNotes--;
      }
      if (broken != 0) {
        int denominator = 1 << Math.abs(broken);
        ticks = broken > 0 ? ticks / denominator : ticks * (2 * denominator - 1) / denominator;
        broken = 0;
      }
      if (ticks <= 0) {
        throw error("a note or rest of no length");
      }
      events.add(new Tune.Event(pitch, ticks));
    }

    private String describe(char c) {
      return switch (c) {
        case '[' -> "a chord or inline field [";
        case '{' -> "a grace note {";
        case '!', '+' -> "a decoration " + c;
        case '&' -> "a voice overlay &";
        default -> "'" + c + "'";
      };
    }

    private AbcException error(String what) {
      return new AbcException("line " + lineNumber + ", column " + (pos + 1) + ": " + what + " (in \"" + text.strip()
          + "\"); supported: notes, accidentals, octaves, lengths, broken rhythm, tuplets, rests, bars, ties, slurs");
    }
  }
}
