package dev.unroll.maven.fork;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.project.GoalLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a goal in a JVM of its own, started with {@code --add-modules jdk.incubator.vector}, as
 * Surefire forks tests: Maven's JVM usually lacks the module (it needs {@code .mvn/jvm.config}),
 * and without it the models run on the portable kernels, several times slower. The child's log
 * lines go to Maven's log as they come, its results to standard output, its standard input is
 * Maven's, and its failures become the same exceptions the goal throws in Maven's JVM.
 */
public final class ForkedJvm {
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private ForkedJvm() {}

  /** Whether this JVM can run the Vector API kernels. */
  public static boolean hasVectorModule() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /**
   * Whether a goal forks for the {@code rnn.fork} setting: {@code true} always, {@code false}
   * never, {@code auto} (or unset) when this JVM lacks the Vector API module.
   *
   * @throws ConfigurationException for any other value
   */
  public static boolean wanted(String fork) {
    String mode = fork == null || fork.isBlank() ? "auto" : fork.strip().toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "auto" -> !hasVectorModule();
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigurationException("-Drnn.fork=" + fork + " is not auto, true or false; leave it unset"
          + " to fork only when Maven's JVM lacks --add-modules jdk.incubator.vector");
    };
  }

  /** The command that starts a child JVM for the invocation in {@code file}. */
  static List<String> command(List<Path> classpath, Path file) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules=" + VECTOR_MODULE);
    // As much heap as Maven's JVM may use, so that what trains in one trains in the other.
    command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
    command.add("-Dfile.encoding=UTF-8");
    String kernels = System.getProperty("unroll.kernels");
    if (kernels != null) {
      command.add("-Dunroll.kernels=" + kernels);
    }
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(ForkMain.class.getName());
    command.add(file.toString());
    return command;
  }

  /**
   * Runs the goal in a child JVM on {@code classpath} (the plugin and its runtime) and waits for it,
   * its log lines handed to {@code log}.
   *
   * @param workDirectory where the invocation file is written
   * @throws ConfigurationException as the goal threw it (its message)
   * @throws QualityGateException as the goal threw it (its violations)
   * @throws IOException as the goal threw it, or when the child JVM crashed
   */
  public static void run(GoalInvocation goal, List<Path> classpath, Path workDirectory, GoalLog log,
      PrintStream out) throws IOException, QualityGateException {
    Files.createDirectories(workDirectory);
    Path file = workDirectory.resolve(goal.goal() + ".invocation.properties");
    goal.write(file);
    log.info("rnn:" + goal.goal() + " runs in a forked JVM with --add-modules " + VECTOR_MODULE
        + (hasVectorModule() ? " (-Drnn.fork=true)" : " (Maven's JVM lacks it; -Drnn.fork=false stays in Maven's JVM)"));
    Process process = new ProcessBuilder(command(classpath, file)).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .start();
    // Ctrl-C ends Maven's JVM: the child must not train on alone.
    Thread stop = new Thread(process::destroy, "rnn-fork-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      relayUntilExit(goal, process, log, out);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or will run; nothing to undo.
      }
      Files.deleteIfExists(file);
    }
  }

  private static void relayUntilExit(GoalInvocation goal, Process process, GoalLog log, PrintStream out)
      throws IOException, QualityGateException {
    Thread results = new Thread(() -> copy(process.getInputStream(), out), "rnn-fork-stdout");
    results.setDaemon(true);
    results.start();
    String failure = null;
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        String message = relay(line, log);
        if (message != null) {
          failure = message;
        }
      }
    }
    int status;
    try {
      status = process.waitFor();
      results.join();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("rnn:" + goal.goal() + " was interrupted", e);
    }
    out.flush();
    String message = failure == null ? "the forked JVM exited with status " + status + " (see its output above)"
        : failure;
    switch (status) {
      case ForkMain.OK -> { }
      case ForkMain.CONFIGURATION -> throw new ConfigurationException(message);
      case ForkMain.QUALITY_GATE -> throw new QualityGateException(List.of(message.split("\\R")));
      default -> throw new IOException(message);
    }
  }

  /** Hands one line of the child's standard error to the log; returns a failure's message. */
  static String relay(String line, GoalLog log) {
    if (!line.startsWith(ForkMain.TAG)) {
      // The JVM's own note on the incubating module is expected; anything else is news.
      if (!line.contains("Using incubator modules")) {
        log.warn(line);
      }
      return null;
    }
    String rest = line.substring(ForkMain.TAG.length());
    int space = rest.indexOf(' ');
    String level = space < 0 ? rest : rest.substring(0, space);
    String text = space < 0 ? "" : ForkMain.unescape(rest.substring(space + 1));
    switch (level) {
      case "FAIL" -> {
        return text;
      }
      case "DEBUG" -> log.debug(text);
      case "WARN" -> log.warn(text);
      case "ERROR" -> log.error(text);
      default -> log.info(text);
    }
    return null;
  }

  private static void copy(InputStream in, OutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
