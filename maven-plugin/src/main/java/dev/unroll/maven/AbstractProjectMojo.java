package dev.unroll.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal of the plugin reads from the project: the project itself, its class output, the
 * {@code rnn.skip} switch, and its classpath without the plugin's own artifacts; and the goal's name.
 */
abstract class AbstractProjectMojo extends AbstractMojo {
  /**
   * The artifacts the plugin brings itself ({@code groupId:artifactId}): the project's copies must
   * not shadow or duplicate them.
   */
  private static final Set<String> PLUGIN_OWN = Set.of("dev.unroll:unroll-runtime", "dev.unroll:unroll-training",
      "dev.unroll:unroll-model", "dev.unroll:unroll-dsl", "dev.unroll:unroll-processor", "dev.unroll:unroll-onnx");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  // Its descriptor, read from the @Mojo and @Parameter annotations, names the goal and its parameters.
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  protected MojoExecution mojoExecution;

  /** The class output: the model index, the generated classes and their trained artifacts. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  protected File classesDirectory;

  /** Skips the goal. */
  @Parameter(property = "rnn.skip", defaultValue = "false")
  protected boolean skip;

  /** The goal's name, as {@code @Mojo(name)} declares it: {@code train}, {@code export}, ... */
  protected final String goal() {
    return mojoExecution.getMojoDescriptor().getGoal();
  }

  /** The project's resolved dependencies on the classpath, less the artifacts the plugin brings itself. */
  protected List<Path> projectClasspath() {
    List<Path> classpath = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null && a.getArtifactHandler().isAddedToClasspath()
          && !PLUGIN_OWN.contains(a.getGroupId() + ":" + a.getArtifactId())) {
        classpath.add(a.getFile().toPath());
      }
    }
    return classpath;
  }
}
