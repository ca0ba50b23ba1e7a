package dev.unroll.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal of the plugin reads from the project: the project itself, its class output, the
 * {@code rnn.skip} switch, and its classpath without the plugin's own artifacts.
 */
abstract class AbstractProjectMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** The class output: the model index, the generated classes and their trained artifacts. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  protected File classesDirectory;

  /** Skips the goal. */
  @Parameter(property = "rnn.skip", defaultValue = "false")
  protected boolean skip;

  /**
   * The project's resolved dependencies on the classpath, less the artifacts the plugin brings
   * itself ({@code groupId:artifactId} in {@code pluginOwn}): the project's copies must not shadow
   * or duplicate them.
   */
  protected List<Path> projectClasspath(Set<String> pluginOwn) {
    List<Path> classpath = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null && a.getArtifactHandler().isAddedToClasspath()
          && !pluginOwn.contains(a.getGroupId() + ":" + a.getArtifactId())) {
        classpath.add(a.getFile().toPath());
      }
    }
    return classpath;
  }
}
