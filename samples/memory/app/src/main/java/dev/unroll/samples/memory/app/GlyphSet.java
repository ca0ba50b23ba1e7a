package dev.unroll.samples.memory.app;

import dev.unroll.runtime.hopfield.PatternFile;
import dev.unroll.samples.memory.GlyphsNet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The letters of the model jar's {@code glyphs.txt}: each glyph's name (its comment line) and pattern. */
public record GlyphSet(List<String> names, List<int[]> patterns) {

  /** Side of a glyph: patterns are {@code SIDE x SIDE} pixels, row by row. */
  public static final int SIDE = 10;

  /** Reads {@code glyphs.txt} from beside the memory class in the model jar. */
  public static GlyphSet load() {
    try (InputStream in = GlyphsNet.class.getResourceAsStream("glyphs.txt")) {
      if (in == null) {
        throw new IllegalStateException("glyphs.txt is not beside " + GlyphsNet.class.getName() + " on the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> names = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.matches("# \\S")) {
          names.add(line.substring(2));
        }
      }
      List<int[]> patterns = PatternFile.parse("glyphs.txt", text);
      if (names.size() != patterns.size()) {
        throw new IllegalStateException("glyphs.txt names " + names.size() + " glyphs but draws " + patterns.size());
      }
      return new GlyphSet(List.copyOf(names), List.copyOf(patterns));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The glyphs drawn side by side, {@code #} for +1 and {@code .} for -1, separated by {@code gap}. */
  public static String draw(List<int[]> states, String gap) {
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < SIDE; row++) {
      for (int k = 0; k < states.size(); k++) {
        if (k > 0) {
          out.append(gap);
        }
        for (int col = 0; col < SIDE; col++) {
          out.append(states.get(k)[row * SIDE + col] > 0 ? '#' : '.');
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
