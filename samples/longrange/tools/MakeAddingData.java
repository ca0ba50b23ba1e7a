import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the adding problem (Hochreiter and Schmidhuber, 1997) as CSV: each example is
 * {@code length} consecutive rows of {@code value} (uniform in [0, 1)) and {@code marker}; exactly
 * two rows are marked, one in each half, and every row of the example carries in {@code sum} the
 * sum of the two marked values. A model reads one example (a window of {@code length} rows, the
 * windows {@code length} rows apart) and must output {@code sum}: it has to keep the first marked
 * value for up to {@code length} steps while ignoring everything else. Always answering 1, the
 * mean, gives a mean squared error of 1/6.
 *
 * <p>The model's build runs it (exec-maven-plugin, phase generate-resources) as {@code java
 * MakeAddingData.java <directory>}; the data is drawn from fixed seeds, so every build writes the
 * same bytes and the trained model stays up to date.
 */
public class MakeAddingData {
  private static final int LENGTH = 100;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    write(dir.resolve("adding-train.csv"), 5000, new Random(20261122L));
    write(dir.resolve("adding-test.csv"), 1000, new Random(7L));
  }

  private static void write(Path file, int examples, Random random) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("value,marker,sum\n");
      float[] values = new float[LENGTH];
      for (int e = 0; e < examples; e++) {
        int first = random.nextInt(LENGTH / 2);
        int second = LENGTH / 2 + random.nextInt(LENGTH / 2);
        for (int t = 0; t < LENGTH; t++) {
          values[t] = Math.round(random.nextFloat() * 1000) / 1000f;
        }
        float sum = values[first] + values[second];
        for (int t = 0; t < LENGTH; t++) {
          int marker = t == first || t == second ? 1 : 0;
          w.write(String.format(Locale.ROOT, "%.3f,%d,%.3f%n", values[t], marker, sum));
        }
      }
    }
  }
}
