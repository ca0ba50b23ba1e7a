import dev.unroll.samples.melody.app.AbcException;
import dev.unroll.samples.melody.app.AbcParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the melody corpus from a directory of ABC files (see extract.sh): splits
 * every .abc file into tunes, keeps the monophonic ones, normalises each to the header X/M/L/K and a
 * body without chord symbols, decorations, grace notes and slurs, keeps those the app's AbcParser
 * reads, drops repeats, and writes every eighth tune to the test file, the rest to the training file.
 *
 * <p>Usage: {@code java -cp ../app/target/classes ExtractTunes.java <dir of .abc files> <train.txt> <test.txt> <credits.txt>}
 */
public class ExtractTunes {
  public static void main(String[] args) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".abc")).sorted().toList();
    }
    Set<String> bodies = new LinkedHashSet<>();
    List<String> tunes = new ArrayList<>();
    List<String> credits = new ArrayList<>();
    int seen = 0;
    for (Path file : files) {
      String book = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String raw : AbcParser.splitTunes(book)) {
        seen++;
        String tune = normalise(raw);
        if (tune == null) {
          continue;
        }
        try {
          AbcParser.parse(tune);
        } catch (AbcException e) {
          System.err.println("skipped a tune of " + file.getFileName() + ": " + e.getMessage());
          continue;
        }
        String body = tune.substring(tune.indexOf("\nK:") + 1);
        if (!tune.chars().allMatch(ch -> ch == '\n' || ch >= ' ' && ch < 127)) {
          continue;
        }
        if (bodies.add(body)) {
          tunes.add(tune);
          credits.add(field(raw, "T:") + " (" + file.getFileName() + ")" + (field(raw, "Z:").isEmpty() ? ""
              : ", transcribed: " + field(raw, "Z:")));
        }
      }
    }
    StringBuilder train = new StringBuilder();
    StringBuilder test = new StringBuilder();
    for (int i = 0; i < tunes.size(); i++) {
      String numbered = "X:" + (i + 1) + "\n" + tunes.get(i) + "\n";
      (i % 8 == 7 ? test : train).append(numbered);
    }
    Files.writeString(Path.of(args[1]), train);
    Files.writeString(Path.of(args[2]), test);
    StringBuilder list = new StringBuilder("# The tunes of tunes.txt and tunes-test.txt, by their X: number: title (file), transcriber\n");
    for (int i = 0; i < credits.size(); i++) {
      list.append("X:").append(i + 1).append(' ').append(credits.get(i)).append('\n');
    }
    Files.writeString(Path.of(args[3]), list);
    System.out.println(seen + " tunes in " + files.size() + " files, " + tunes.size() + " kept: "
        + train.length() + " characters to train, " + test.length() + " to test");
  }

  /** The first value of a header field, e.g. {@code T:}, or "". */
  static String field(String raw, String name) {
    for (String line : raw.split("\n")) {
      if (line.startsWith(name)) {
        return line.substring(name.length()).strip();
      }
    }
    return "";
  }

  /** The tune as M/L/K header and cleaned body, without its X: line; null for tunes with several voices. */
  static String normalise(String raw) {
    String meter = null;
    String unit = null;
    String key = null;
    StringBuilder body = new StringBuilder();
    for (String line : raw.split("\n")) {
      if (line.startsWith("%%") || line.matches("[A-Za-z]:.*") && key != null && !line.startsWith("w:")
          && !line.startsWith("W:")) {
        if (line.startsWith("V:") || line.startsWith("%%staves") || line.startsWith("%%score")) {
          return null;
        }
        if (!line.startsWith("%%")) {
          return null; // a field in the body: a key, meter or voice change
        }
        continue;
      }
      String text = line.replaceAll("%.*", "");
      if (key == null && text.matches("[A-Za-z]:.*")) {
        String value = text.substring(2).strip();
        switch (text.charAt(0)) {
          case 'M' -> meter = value;
          case 'L' -> unit = value;
          case 'K' -> key = value;
          case 'V' -> {
            return null;
          }
          default -> { }
        }
        continue;
      }
      if (key == null || text.startsWith("w:") || text.startsWith("W:")) {
        continue;
      }
      text = text.replaceAll("\"[^\"]*\"", "")     // chord symbols and annotations
          .replaceAll("![^!]*!", "")                 // decorations
          .replaceAll("\\{[^}]*\\}", "")             // grace notes
          .replaceAll("\\((?![0-9])", "").replace(")", "") // slurs, not tuplets
          .replaceAll("[~.HLMOPSTuv]+(?=[_^=A-Ga-gz(])", "") // one-letter decorations
          .replace("\\", "")
          .replaceAll("\\s+", " ")
          .strip();
      if (text.contains("&")) {
        return null;
      }
      if (!text.isEmpty()) {
        body.append(text).append('\n');
      }
    }
    if (key == null || body.isEmpty()) {
      return null;
    }
    if (meter == null || meter.isEmpty()) {
      meter = "4/4";
    }
    meter = meter.equals("C") ? "4/4" : meter.equals("C|") ? "2/2" : meter;
    if (unit == null) {
      String[] m = meter.split("/");
      unit = m.length == 2 && 4 * Integer.parseInt(m[0].strip()) < 3 * Integer.parseInt(m[1].strip()) ? "1/16" : "1/8";
    }
    return "M:" + meter + "\nL:" + unit + "\nK:" + key + "\n" + body;
  }
}
