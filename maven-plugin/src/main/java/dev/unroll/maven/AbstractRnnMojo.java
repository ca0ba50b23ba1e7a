package dev.unroll.maven;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.fork.ForkedJvm;
import dev.unroll.maven.fork.GoalInvocation;
import dev.unroll.maven.fork.Goals;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ProjectLayout;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals run by the plugin's core share (all but {@code rnn:export}): the goal invocation,
 * in this JVM or a forked one, the {@code -Drnn.<setting>} overrides, and turning the core's
 * exceptions into Maven's (one line each). The core gets the goals' {@code rnn.*} parameters as
 * {@link RnnProperties} finds them: a parameter is written once, as a {@code @Parameter} field.
 */
abstract class AbstractRnnMojo extends AbstractProjectMojo {
  @Parameter(defaultValue = "${plugin}", readonly = true)
  protected PluginDescriptor plugin;

  /** The build directory: staging and checkpoints under {@code rnn/}, reports under {@code rnn-reports/}. */
  @Parameter(defaultValue = "${project.build.directory}", required = true, readonly = true)
  protected File buildDirectory;

  @Parameter(defaultValue = "${session}", readonly = true)
  protected MavenSession session;

  /**
   * Whether the goal runs in a forked JVM with {@code --add-modules jdk.incubator.vector}: {@code auto}
   * when Maven's JVM lacks the module (the models would run on the slow portable kernels),
   * {@code true} always, {@code false} never.
   */
  @Parameter(property = "rnn.fork", defaultValue = "auto")
  protected String fork;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipped()) {
      getLog().info("Skipping rnn:" + goal() + (skip ? " (rnn.skip)" : ""));
      return;
    }
    try {
      warnAboutUnknownProperties();
      ProjectLayout layout = layout();
      GoalInvocation invocation = new GoalInvocation(goal(), layout, parameters(), models());
      if (ForkedJvm.wanted(fork)) {
        ForkedJvm.run(invocation, forkClasspath(), layout.buildDirectory().resolve("rnn"), goalLog(), System.out);
      } else {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Goals.run(invocation, goalLog(), stdin, System.out);
      }
    } catch (ConfigurationException e) {
      // The message is the whole story; the cause's text would only lengthen Maven's one-line error.
      getLog().debug(e);
      throw new MojoExecutionException(e.getMessage());
    } catch (QualityGateException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("rnn:" + goal() + ": " + e.getMessage(), e);
    }
  }

  /** Maven's log as the one the core writes to. */
  private GoalLog goalLog() {
    Log log = getLog();
    return (level, message) -> {
      switch (level) {
        case DEBUG -> log.debug(message);
        case INFO -> log.info(message);
        case WARN -> log.warn(message);
        case ERROR -> log.error(message);
      }
    };
  }

  /** Whether a goal-specific switch skips it. */
  protected boolean skipped() {
    return false;
  }

  /**
   * The parameters the core reads, by user property ({@code rnn.models}, {@code rnn.prime}, ...), as
   * text, those without a value left out: see {@link RnnProperties#coreParameters}.
   */
  protected Map<String, String> parameters() {
    return RnnProperties.coreParameters(this, mojoExecution.getMojoDescriptor());
  }

  /** The POM's {@code <models>}, for the goals that read them. */
  protected List<ModelSettings> models() {
    return List.of();
  }

  /** The {@code -Drnn.<setting>} overrides of {@code <model>} settings given on the command line. */
  protected Map<String, String> settingOverrides() {
    Map<String, String> properties = userProperties();
    Map<String, String> out = new LinkedHashMap<>();
    for (String setting : Overrides.overridable()) {
      String value = properties.get(Overrides.PREFIX + setting);
      if (value != null) {
        out.put(Overrides.PREFIX + setting, value);
      }
    }
    return out;
  }

  private Map<String, String> userProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    if (session != null) {
      session.getUserProperties().forEach((k, v) -> out.put(k.toString(), v.toString()));
    }
    return out;
  }

  private void warnAboutUnknownProperties() {
    PluginDescriptor descriptor = mojoExecution.getMojoDescriptor().getPluginDescriptor();
    Set<String> known = new LinkedHashSet<>(RnnProperties.declared(descriptor));
    List<String> unknown = Overrides.unknown(userProperties(), known);
    if (!unknown.isEmpty()) {
      Overrides.overridable().forEach(setting -> known.add(Overrides.PREFIX + setting));
      getLog().warn("Unknown propert" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", unknown)
          + ": no rnn goal reads " + (unknown.size() == 1 ? "it" : "them") + "; the rnn properties are "
          + String.join(", ", known));
    }
  }

  /**
   * The classpath of a forked goal JVM: the plugin and its dependencies (the Unroll runtime). The
   * goal's core logs through its own {@link GoalLog}, so Maven's API is not needed there.
   */
  private List<Path> forkClasspath() {
    Set<Path> classpath = new LinkedHashSet<>();
    classpath.add(codeSource(GoalInvocation.class));
    if (plugin != null && plugin.getArtifacts() != null) {
      for (Artifact a : plugin.getArtifacts()) {
        if (a.getFile() != null) {
          classpath.add(a.getFile().toPath());
        }
      }
    } else {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classpath.add(Path.of(entry));
      }
    }
    return new ArrayList<>(classpath);
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + type.getName() + "'s jar", e);
    }
  }

  /** The project's directories, its resolved dependencies less the plugin's own, and the plugin version. */
  protected ProjectLayout layout() {
    List<Path> classpath = projectClasspath();
    String version = plugin == null || plugin.getVersion() == null ? "unknown" : plugin.getVersion();
    return new ProjectLayout(project.getBasedir().toPath(), classesDirectory.toPath(), buildDirectory.toPath(),
        classpath, version);
  }
}
