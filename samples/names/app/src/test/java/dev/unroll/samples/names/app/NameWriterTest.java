package dev.unroll.samples.names.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged models as the app uses them: the condition is worth bits on names neither model
 * saw, and the names written for a gender are, when they are real names, mostly of that gender.
 */
class NameWriterTest {
  private static final Path DATA = Path.of("..", "model", "src");
  private static NameWriter writer;
  private static List<LabelledName> heldOut;

  @BeforeAll
  static void load() throws IOException {
    writer = new NameWriter();
    heldOut = LabelledName.read(DATA.resolve("test/data/names-test.tsv"));
  }

  @Test
  void theConditionSavesBitsOnHeldOutNames() {
    double with = writer.bitsPerCharacter(heldOut);
    double without = writer.blindBitsPerCharacter(heldOut);
    System.out.printf("held-out bits per character: %.3f with the condition, %.3f without%n", with, without);
    // Unigram character frequencies cost 4.57 bits per character on these names.
    assertTrue(without < 3.0, "the blind model learned names: " + without);
    // Measured: 2.797 against 2.869.
    assertTrue(with < without - 0.04, "the condition is worth at least 0.04 bits per character: " + with
        + " against " + without);
  }

  @Test
  void realNamesWrittenForAGenderAreMostlyOfThatGender() throws IOException {
    Map<String, Set<Gender>> known = new HashMap<>();
    List<LabelledName> all = new ArrayList<>(LabelledName.read(DATA.resolve("main/data/names.tsv")));
    all.addAll(heldOut);
    for (LabelledName name : all) {
      known.computeIfAbsent(name.name(), n -> EnumSet.noneOf(Gender.class)).add(name.gender());
    }
    for (Gender gender : Gender.values()) {
      int own = 0;
      int other = 0;
      for (String name : writer.names(gender, 300, 1.0, 7)) {
        Set<Gender> lists = known.get(name);
        if (lists != null && lists.size() == 1) {
          if (lists.contains(gender)) {
            own++;
          } else {
            other++;
          }
        }
      }
      System.out.printf("%s: of 300 names written, %d are %s names only, %d of the other list only%n",
          gender, own, gender, other);
      assertTrue(own + other >= 30, "enough written names are real names to judge: " + (own + other));
      // Measured: 71 against 6 (female), 48 against 10 (male); three to one is "mostly".
      assertTrue(own >= 3 * other, gender + ": " + own + " of its own list against " + other);
    }
  }

  @Test
  void theSameSeedWritesTheSameNames() {
    assertEquals(writer.names(Gender.FEMALE, 5, 0.8, 3), writer.names(Gender.FEMALE, 5, 0.8, 3));
  }
}
