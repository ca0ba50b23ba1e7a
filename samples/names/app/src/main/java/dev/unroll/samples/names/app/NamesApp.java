package dev.unroll.samples.names.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints names written for each gender by the conditioned model, and by the model without the
 * condition; given a held-out file ({@code 1,0<TAB>name} lines), also both models' bits per
 * character on it.
 *
 * <p>Usage: {@code NamesApp [count] [temperature] [held-out file]}, by default 12 names at 0.8.
 */
public final class NamesApp {
  private NamesApp() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    double temperature = args.length > 1 ? Double.parseDouble(args[1]) : 0.8;
    NameWriter writer = new NameWriter();
    for (Gender gender : Gender.values()) {
      System.out.printf("%-6s %s: %s%n", gender, vector(gender.features()),
          String.join(", ", writer.names(gender, count, temperature, 1)));
    }
    System.out.printf("%-6s %s: %s%n", "blind", "(0, 0)", String.join(", ", writer.blindNames(count, temperature, 1)));
    if (args.length > 2) {
      Path file = Path.of(args[2]);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("held-out file " + file.toAbsolutePath() + " does not exist");
      }
      List<LabelledName> heldOut = LabelledName.read(file);
      System.out.printf("bits per character on %d held-out names: %.3f with the condition, %.3f without%n",
          heldOut.size(), writer.bitsPerCharacter(heldOut), writer.blindBitsPerCharacter(heldOut));
    }
  }

  private static String vector(float[] features) {
    return "(" + (int) features[0] + ", " + (int) features[1] + ")";
  }
}
