package dev.unroll.runtime.hopfield;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads bipolar patterns from text: one pattern a line, one character a unit, {@code +} or
 * {@code 1} for +1 and {@code -} or {@code 0} for -1. Blank lines and lines starting with
 * {@code #} are skipped; spaces, tabs and {@code |} inside a line are ignored. A line ending with
 * {@code \} continues on the next, so a 10&times;10 glyph can be drawn as ten rows:
 *
 * <pre>
 * # T
 * ++++++++++\
 * ++++++++++\
 * ----++----\
 * ...
 * </pre>
 */
public final class PatternFile {
  private PatternFile() {}

  /**
   * The patterns of {@code file}, each of the same length.
   *
   * @throws IOException naming the file if it cannot be read
   * @throws IllegalArgumentException naming the file, line and column of a character other than
   *     {@code + - 1 0}, or the line of a pattern whose length differs from the first's, or if the
   *     file holds no pattern
   */
  public static List<int[]> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("pattern file " + file + " does not exist", e);
    }
    return parse(file.toString(), text);
  }

  /** As {@link #read}, from text; {@code source} names it in messages. */
  public static List<int[]> parse(String source, String text) {
    List<int[]> patterns = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int[] values = new int[64];
    int count = 0;
    int start = -1;
    int firstStart = 0;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (start < 0 && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (start < 0) {
        start = n + 1;
      }
      boolean continued = line.endsWith("\\");
      int end = continued ? line.length() - 1 : line.length();
      for (int c = 0; c < end; c++) {
        char ch = line.charAt(c);
        int v = switch (ch) {
          case '+', '1' -> 1;
          case '-', '0' -> -1;
          case ' ', '\t', '|' -> 0;
          default -> throw new IllegalArgumentException(source + ":" + (n + 1) + ": unexpected '" + ch
              + "' in a pattern; write + or 1 for +1 and - or 0 for -1 (spaces and | are ignored, \\ at the end"
              + " continues the pattern on the next line, # starts a comment line)");
        };
        if (v != 0) {
          if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
          }
          values[count++] = v;
        }
      }
      if (continued && n + 1 < lines.length) {
        continue;
      }
      int[] pattern = Arrays.copyOf(values, count);
      if (!patterns.isEmpty() && pattern.length != patterns.get(0).length) {
        throw new IllegalArgumentException(source + ":" + start + ": pattern " + (patterns.size() + 1) + " has "
            + pattern.length + " units, the first (line " + firstStart + ") has " + patterns.get(0).length
            + "; every pattern needs the same number of units");
      }
      if (pattern.length == 0) {
        throw new IllegalArgumentException(source + ":" + start + ": empty pattern; write + and - (or 1 and 0)");
      }
      if (patterns.isEmpty()) {
        firstStart = start;
      }
      patterns.add(pattern);
      count = 0;
      start = -1;
    }
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException(source + ": no patterns; write one pattern a line of + and - (or 1 and 0)");
    }
    return patterns;
  }
}
