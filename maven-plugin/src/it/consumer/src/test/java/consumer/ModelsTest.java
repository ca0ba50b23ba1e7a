package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelsTest {
  @Test
  void forecastsInTheDataUnits() {
    float next = Models.nextValue(130, 134, 133, 128, 121, 113, 107, 104);
    System.out.println("forecast " + next);
    assertTrue(next > 50 && next < 250, "a value near the series: " + next);
  }

  @Test
  void generatesTheSameTextFromTheSameSeed() {
    String a = Models.continueText("the ", 40, 7);
    assertEquals(a, Models.continueText("the ", 40, 7));
    assertEquals(40, a.length());
    assertTrue(a.chars().allMatch(c -> "the catsonmdgrl\n".indexOf(c) >= 0), a);
  }
}
