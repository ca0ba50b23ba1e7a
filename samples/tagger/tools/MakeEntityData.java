import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic named-entity corpus in CoNLL format ({@code word<TAB>tag}, a blank line after
 * each sentence) with BIO tags for people, organisations and places: sentences from templates,
 * filled with names of one or two words. Most names are made up from syllables, so most are rare
 * and read as {@code <unk>} by a model with a small vocabulary: it must tag them from the words
 * around them. A few real names are people in one sentence and places or companies in another
 * (Jordan, Paris, Florence, Lincoln, Washington, Ford), so the context on both sides matters.
 *
 * <p>The model's build runs it as {@code java MakeEntityData.java <directory>} (exec-maven-plugin,
 * phase generate-resources); the seeds are fixed, so every build writes the same bytes.
 */
public class MakeEntityData {
  // A few real names that are people in some sentences and places or companies in others.
  private static final String[] AMBIGUOUS_FIRST = {"Jordan", "Paris", "Florence", "Lincoln"};
  private static final String[] AMBIGUOUS_LAST = {"Washington", "Lincoln", "Ford", "Jordan"};
  private static final String[] AMBIGUOUS_ORG = {"Ford", "Lincoln Motors", "Jordan Foods", "Washington Post"};
  private static final String[] AMBIGUOUS_LOC = {"Jordan", "Paris", "Florence", "Washington", "Lincoln"};
  private static final String[] ORG_SUFFIX = {"Corporation", "Labs", "Bank", "Systems", "Foods", "Airlines",
      "Insurance", "University", "Group"};
  private static final String[] LOC_PREFIX = {"New", "Lake", "Port", "San"};
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "re", "to", "sa", "ni", "vo", "ra", "de", "li", "mo",
      "pe", "ta", "zu", "bi", "no", "ge", "fa", "ru"};

  private static final String[] TEMPLATES = {
      "PER joined ORG in LOC .",
      "PER met PER at the ORG office in LOC .",
      "The ORG headquarters moved from LOC to LOC .",
      "PER flew to LOC on Monday .",
      "Shares of ORG rose after PER spoke in LOC .",
      "Yesterday PER said ORG would hire in LOC .",
      "LOC and LOC signed a deal with ORG .",
      "PER , who works for ORG , lives in LOC .",
      "According to ORG , PER will visit LOC next week .",
      "In LOC , PER opened a shop for ORG .",
      "PER thanked PER for the report on LOC .",
      "ORG and ORG will build a plant near LOC .",
      "The mayor of LOC welcomed PER .",
      "PER left ORG after ten years .",
      "It rained in LOC all week , said PER .",
      // Truly ambiguous: a person or an organisation may say things; only an ORG suffix tells.
      "ANY said the results were strong .",
      "Later ANY announced a plan for LOC ."};

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(dir);
    write(dir.resolve("entities-train.conll"), 4000, new Random(20261122L));
    write(dir.resolve("entities-test.conll"), 800, new Random(11L));
  }

  private static void write(Path file, int sentences, Random random) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      for (int s = 0; s < sentences; s++) {
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        for (String slot : template.split(" ")) {
          if (slot.equals("ANY")) {
            slot = random.nextBoolean() ? "PER" : "ORG";
          }
          List<String> words = new ArrayList<>();
          String type = slot.equals("PER") || slot.equals("ORG") || slot.equals("LOC") ? slot : null;
          switch (slot) {
            case "PER" -> {
              words.add(random.nextInt(6) == 0 ? pick(AMBIGUOUS_FIRST, random) : name(random));
              if (random.nextInt(3) > 0) {
                words.add(random.nextInt(6) == 0 ? pick(AMBIGUOUS_LAST, random) : name(random));
              }
            }
            case "ORG" -> {
              if (random.nextInt(6) == 0) {
                words.addAll(List.of(pick(AMBIGUOUS_ORG, random).split(" ")));
              } else {
                words.add(name(random));
                if (random.nextInt(4) > 0) {
                  words.add(pick(ORG_SUFFIX, random));
                }
              }
            }
            case "LOC" -> {
              if (random.nextInt(6) == 0) {
                words.add(pick(AMBIGUOUS_LOC, random));
              } else {
                if (random.nextInt(4) == 0) {
                  words.add(pick(LOC_PREFIX, random));
                }
                words.add(name(random));
              }
            }
            default -> words.add(slot);
          }
          for (int i = 0; i < words.size(); i++) {
            String tag = type == null ? "O" : (i == 0 ? "B-" : "I-") + type;
            w.write(words.get(i) + "\t" + tag + "\n");
          }
        }
        w.write("\n");
      }
    }
  }

  /** A made-up name of two or three syllables, capitalised: most are rare, many unique. */
  private static String name(Random random) {
    StringBuilder b = new StringBuilder();
    int syllables = 2 + random.nextInt(2);
    for (int i = 0; i < syllables; i++) {
      b.append(pick(SYLLABLES, random));
    }
    return Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  private static String pick(String[] words, Random random) {
    return words[random.nextInt(words.length)];
  }
}
