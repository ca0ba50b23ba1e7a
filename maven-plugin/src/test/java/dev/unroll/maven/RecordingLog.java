package dev.unroll.maven;

import dev.unroll.maven.project.GoalLog;
import java.util.ArrayList;
import java.util.List;

/** A goal log that keeps every line, prefixed with its level as Maven prints it, for assertions. */
public final class RecordingLog implements GoalLog {
  public final List<String> lines = new ArrayList<>();

  /** Every line joined, one per line. */
  public String text() {
    return String.join("\n", lines);
  }

  /** Whether some line contains {@code fragment}. */
  public boolean contains(String fragment) {
    return lines.stream().anyMatch(l -> l.contains(fragment));
  }

  public void clear() {
    lines.clear();
  }

  @Override
  public void line(Level level, String message) {
    lines.add("[" + (level == Level.WARN ? "WARNING" : level.name()) + "] " + message);
  }
}
