package dev.unroll.maven.project;

/**
 * Where the goals' core writes its messages: Maven's log when the goal runs in Maven's JVM, tagged
 * lines on standard error in a forked one. The core needs only whole lines at four levels, not the
 * sixteen methods of Maven's {@code Log}, so one lambda implements it in each place.
 */
@FunctionalInterface
public interface GoalLog {
  /** The levels the core writes at; the forked JVM's protocol tags its lines with their names. */
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  void line(Level level, String message);

  default void debug(String message) {
    line(Level.DEBUG, message);
  }

  default void info(String message) {
    line(Level.INFO, message);
  }

  default void warn(String message) {
    line(Level.WARN, message);
  }

  default void error(String message) {
    line(Level.ERROR, message);
  }
}
