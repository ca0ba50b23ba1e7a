package dev.unroll.maven;

import dev.unroll.maven.config.Overrides;
import dev.unroll.onnx.OnnxExportException;
import dev.unroll.onnx.ProjectExport;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Exports the project's trained models as ONNX: {@code <Name>.onnx} (whole sequences) and, for
 * unidirectional models, {@code <Name>.step.onnx} (one step with explicit states), with the
 * vocabulary, labels, normalisation and model card as metadata; encoder-decoders as
 * {@code <Name>.encoder.onnx} and {@code <Name>.decoder.onnx}. By default into
 * {@code target/onnx}; with {@code -Drnn.export.package} beside the weights in the class output,
 * so the model jar ships them. The work is done by {@code dev.unroll.onnx.ProjectExport}.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class ExportMojo extends AbstractProjectMojo {
  /** Comma-separated simple or qualified names of the models to export (default: all). */
  @Parameter(property = "rnn.models")
  private String selectedModels;

  /** Where the ONNX files go, unless {@code packageWithWeights} is set. */
  @Parameter(property = "rnn.export.outputDirectory", defaultValue = "${project.build.directory}/onnx")
  private File outputDirectory;

  /** Writes the ONNX files beside each model's weights in the class output, so the jar packages them. */
  @Parameter(property = "rnn.export.package", defaultValue = "false")
  private boolean packageWithWeights;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rnn:" + goal() + " (rnn.skip)");
      return;
    }
    try (URLClassLoader loader = projectLoader()) {
      ProjectExport.run(new ProjectExport.Request(classesDirectory.toPath(), loader, Overrides.names(selectedModels),
          packageWithWeights ? null : outputDirectory.toPath()), getLog()::info);
    } catch (OnnxExportException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("rnn:" + goal() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The class output and the project's classpath, delegating to the plugin first so the generated
   * classes link against the plugin's copy of the runtime.
   */
  private URLClassLoader projectLoader() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    urls.add(classesDirectory.toURI().toURL());
    for (Path entry : projectClasspath()) {
      urls.add(entry.toUri().toURL());
    }
    return new URLClassLoader("unroll-export", urls.toArray(URL[]::new), getClass().getClassLoader());
  }
}
