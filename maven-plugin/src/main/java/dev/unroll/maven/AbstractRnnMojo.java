package dev.unroll.maven;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.project.ProjectLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every {@code rnn:} goal shares: the project, the {@code skip} switch, and turning the
 * core's exceptions into Maven's (one line each).
 */
abstract class AbstractRnnMojo extends AbstractMojo {
  /** Artifacts the plugin brings itself: the project's copies must not shadow or duplicate them. */
  private static final Set<String> PLUGIN_OWN =
      Set.of("dev.unroll:unroll-runtime", "dev.unroll:unroll-training", "dev.unroll:unroll-model",
          "dev.unroll:unroll-dsl", "dev.unroll:unroll-processor");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  protected PluginDescriptor plugin;

  /** The class output: the model index, the generated classes and their trained artifacts. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  protected File classesDirectory;

  /** The build directory: staging and checkpoints under {@code rnn/}, reports under {@code rnn-reports/}. */
  @Parameter(defaultValue = "${project.build.directory}", required = true, readonly = true)
  protected File buildDirectory;

  /** Skips the goal. */
  @Parameter(property = "rnn.skip", defaultValue = "false")
  protected boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipped()) {
      getLog().info("Skipping rnn:" + goal() + (skip ? " (rnn.skip)" : ""));
      return;
    }
    try {
      run();
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

  /** The goal's name, for messages. */
  protected abstract String goal();

  /** Whether a goal-specific switch skips it. */
  protected boolean skipped() {
    return false;
  }

  /** Builds the request and calls the core. */
  protected abstract void run() throws IOException, QualityGateException;

  /** The project's directories, its resolved dependencies less the plugin's own, and the plugin version. */
  protected ProjectLayout layout() {
    List<Path> classpath = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null && a.getArtifactHandler().isAddedToClasspath()
          && !PLUGIN_OWN.contains(a.getGroupId() + ":" + a.getArtifactId())) {
        classpath.add(a.getFile().toPath());
      }
    }
    String version = plugin == null || plugin.getVersion() == null ? "unknown" : plugin.getVersion();
    return new ProjectLayout(project.getBasedir().toPath(), classesDirectory.toPath(), buildDirectory.toPath(),
        classpath, version);
  }
}
