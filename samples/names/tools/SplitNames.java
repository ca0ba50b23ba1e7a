import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the names sample's data from the two lists in data/first-names: conditioned lines
 * {@code f,m<TAB>Name} with the one-hot condition (1,0 female, 0,1 male), and the same lines with
 * the condition blanked to {@code 0,0} for the baseline model. A name in both lists gives a line
 * for each. Every tenth distinct name (by a seeded shuffle) is held out with all its lines, so no
 * test name is seen in training under either label. Lines are shuffled with the same seed.
 *
 * <p>Usage: {@code java SplitNames.java <data/first-names> <model/src/main/data> <model/src/test/data>}
 */
public final class SplitNames {
  private static final long SEED = 2026;

  public static void main(String[] args) throws IOException {
    Path source = Path.of(args[0]);
    List<String> female = read(source.resolve("female-first-names-en.txt"));
    List<String> male = read(source.resolve("male-first-names-en.txt"));
    Set<String> distinct = new TreeSet<>(female);
    distinct.addAll(male);
    List<String> names = new ArrayList<>(distinct);
    Random random = new Random(SEED);
    Collections.shuffle(names, random);
    Set<String> heldOut = new TreeSet<>(names.subList(0, names.size() / 10));

    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (String name : female) {
      (heldOut.contains(name) ? test : train).add("1,0\t" + name);
    }
    for (String name : male) {
      (heldOut.contains(name) ? test : train).add("0,1\t" + name);
    }
    Collections.shuffle(train, random);
    Collections.shuffle(test, random);
    write(Path.of(args[1], "names.tsv"), train, false);
    write(Path.of(args[1], "names-blind.tsv"), train, true);
    write(Path.of(args[2], "names-test.tsv"), test, false);
    write(Path.of(args[2], "names-test-blind.tsv"), test, true);
    System.out.printf("%d distinct names, %d held out; %d training lines, %d test lines%n",
        names.size(), heldOut.size(), train.size(), test.size());
  }

  private static List<String> read(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(line -> !line.isEmpty()).toList();
  }

  /** Writes the lines, with the condition replaced by 0,0 when {@code blind}. */
  private static void write(Path file, List<String> lines, boolean blind) throws IOException {
    List<String> out = blind ? lines.stream().map(line -> "0,0" + line.substring(line.indexOf('\t'))).toList() : lines;
    Files.write(file, out, StandardCharsets.UTF_8);
  }
}
