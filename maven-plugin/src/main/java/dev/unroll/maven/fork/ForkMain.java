package dev.unroll.maven.fork;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.project.GoalLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of a forked goal JVM: {@code ForkMain <invocation file>}. Runs the goal with a log
 * that writes one tagged line per message to standard error ({@link #TAG}{@code LEVEL message},
 * line breaks escaped), which {@link ForkedJvm} hands to Maven's log; standard output carries the
 * goal's results. The exit status says how the goal ended: {@link #OK}, {@link #CONFIGURATION},
 * {@link #QUALITY_GATE} or {@link #IO}, the message in a tagged {@code FAIL} line; anything else
 * is a crash whose stack trace is on standard error.
 */
public final class ForkMain {
  /** Starts every line of the protocol on standard error. */
  static final String TAG = "@@rnn:";
  static final int OK = 0;
  static final int CONFIGURATION = 3;
  static final int QUALITY_GATE = 4;
  static final int IO = 5;

  private ForkMain() {}

  public static void main(String[] args) {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status;
    try {
      GoalInvocation goal = GoalInvocation.read(Path.of(args[0]));
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      GoalLog tagged = (level, message) -> err.println(TAG + level + " " + escape(message));
      Goals.run(goal, tagged, stdin, System.out);
      status = OK;
    } catch (ConfigurationException e) {
      status = fail(err, CONFIGURATION, e.getMessage());
    } catch (QualityGateException e) {
      status = fail(err, QUALITY_GATE, e.getMessage());
    } catch (IOException e) {
      status = fail(err, IO, String.valueOf(e.getMessage()));
    }
    System.out.flush();
    System.exit(status);
  }

  private static int fail(PrintStream err, int status, String message) {
    err.println(TAG + "FAIL " + escape(message));
    return status;
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "");
  }

  static String unescape(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        s.append(next == 'n' ? '\n' : next);
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }
}
