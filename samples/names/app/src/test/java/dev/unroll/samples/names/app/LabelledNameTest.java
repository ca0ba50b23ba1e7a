package dev.unroll.samples.names.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledNameTest {
  @TempDir Path dir;

  @Test
  void readsOneHotLinesAndSkipsBlankOnes() throws IOException {
    Path file = Files.writeString(dir.resolve("names.tsv"), "1,0\tMary\n\n0, 1\tJohn-Paul\n");
    assertEquals(List.of(new LabelledName(Gender.FEMALE, "Mary"), new LabelledName(Gender.MALE, "John-Paul")),
        LabelledName.read(file));
  }

  @Test
  void aLineThatIsNotOneHotNamesTheFileAndLine() throws IOException {
    for (String bad : List.of("0,0\tBlank", "1,1\tBoth", "Mary", "1,0\t", "x,0\tMary")) {
      Path file = Files.writeString(dir.resolve("bad.tsv"), "1,0\tAnna\n" + bad + "\n");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledName.read(file));
      assertTrue(e.getMessage().startsWith(file + ", line 2: expected 1,0<TAB>name"), e.getMessage());
    }
  }
}
