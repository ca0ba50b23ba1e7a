package dev.unroll.samples.names.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A name and the list it comes from, as a line {@code 1,0<TAB>Mary} of the sample's data files. */
public record LabelledName(Gender gender, String name) {

  /**
   * Reads the lines of a data file in the conditioned format with a one-hot (female, male) vector.
   *
   * @throws IllegalArgumentException naming the file and line for a line without a tab or whose
   *     vector is neither {@code 1,0} nor {@code 0,1}
   */
  public static List<LabelledName> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<LabelledName> names = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      Gender gender = tab < 0 ? null : Gender.of(vector(line.substring(0, tab)));
      if (gender == null || tab == line.length() - 1) {
        throw new IllegalArgumentException(file + ", line " + (i + 1) + ": expected 1,0<TAB>name (female) or "
            + "0,1<TAB>name (male), found \"" + line + "\"");
      }
      names.add(new LabelledName(gender, line.substring(tab + 1)));
    }
    return names;
  }

  private static float[] vector(String field) {
    String[] parts = field.split(",", -1);
    float[] values = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        return new float[0];
      }
    }
    return values;
  }
}
