package dev.unroll.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** Builds find the memory processor as they find the network one: through the service file. */
class MemoryProcessorRegistrationTest {

  @Test
  void serviceFileNamesBothProcessors() throws Exception {
    List<String> entries = new ArrayList<>();
    String service = "META-INF/services/" + Processor.class.getName();
    for (URL url : Collections.list(getClass().getClassLoader().getResources(service))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(entries::add);
      }
    }
    assertTrue(entries.contains(AssociativeMemoryProcessor.class.getName()), "service entries: " + entries);
    assertTrue(entries.contains(RecurrentModelProcessor.class.getName()), "service entries: " + entries);
  }
}
