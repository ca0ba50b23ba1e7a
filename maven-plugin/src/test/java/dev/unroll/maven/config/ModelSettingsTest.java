package dev.unroll.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.model.TrainingSetting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code <model>} elements come from the registry and a list, not from setters: these tests keep
 * the names, the registry and the README's table of elements from drifting apart.
 */
class ModelSettingsTest {

  @Test
  void everyRegisteredTrainingSettingIsAModelElementOnce() {
    for (String key : TrainingSetting.keys()) {
      assertEquals(1, ModelSettings.NAMES.stream().filter(key::equals).count(), key);
      assertEquals("3", new ModelSettings().set(key, " 3 ").get(key), key);
    }
  }

  /** A new element, registered or not, must get a row in the README's {@code <model>} table, and a removed one lose it. */
  @Test
  void theReadmesTableOfModelElementsNamesEveryElement() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("| element | default | meaning |");
    assertTrue(start >= 0, "README.md has no table of <model> elements");
    List<String> documented = new ArrayList<>();
    Pattern name = Pattern.compile("`(\\w+)`");
    for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      Matcher m = name.matcher(lines.get(i).split("\\|")[1]);
      while (m.find()) {
        documented.add(m.group(1));
      }
    }
    assertEquals(ModelSettings.NAMES.stream().sorted().toList(), documented.stream().sorted().toList());
  }
}
