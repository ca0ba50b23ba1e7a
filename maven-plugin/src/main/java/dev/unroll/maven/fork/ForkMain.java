package dev.unroll.maven.fork;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.evaluate.QualityGateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

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
      Goals.run(goal, new TaggedLog(err), stdin, System.out);
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

  /** Maven's {@link Log} as tagged lines on a stream. */
  private static final class TaggedLog implements Log {
    private final PrintStream out;

    TaggedLog(PrintStream out) {
      this.out = out;
    }

    private synchronized void line(String level, CharSequence content, Throwable error) {
      String text = content == null ? "" : content.toString();
      if (error != null) {
        text = text.isEmpty() ? error.toString() : text + ": " + error;
      }
      out.println(TAG + level + " " + escape(text));
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public void debug(CharSequence content) {}

    @Override
    public void debug(CharSequence content, Throwable error) {}

    @Override
    public void debug(Throwable error) {}

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public void info(CharSequence content) {
      line("INFO", content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
      line("INFO", content, error);
    }

    @Override
    public void info(Throwable error) {
      line("INFO", null, error);
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public void warn(CharSequence content) {
      line("WARN", content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
      line("WARN", content, error);
    }

    @Override
    public void warn(Throwable error) {
      line("WARN", null, error);
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public void error(CharSequence content) {
      line("ERROR", content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
      line("ERROR", content, error);
    }

    @Override
    public void error(Throwable error) {
      line("ERROR", null, error);
    }
  }
}
