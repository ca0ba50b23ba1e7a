package dev.unroll.maven.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader that runs a project's generated networks inside the plugin. It reads the class
 * output and the compile classpath, and delegates to the plugin's own class loader first, so the
 * generated classes link against the plugin's copy of the Unroll runtime, model description and
 * DSL enums: the same {@code RecurrentNetwork}, {@code ModelSpec} and enum types the plugin's code
 * uses. (The project's copy of the runtime is left off the classpath for that reason.)
 */
public final class ProjectClassLoader {
  private ProjectClassLoader() {}

  /** A loader over the class output followed by the layout's classpath. Close it when done. */
  public static URLClassLoader create(ProjectLayout layout) {
    List<Path> entries = new ArrayList<>();
    entries.add(layout.classesDirectory());
    entries.addAll(layout.classpath());
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(new IOException("bad classpath entry " + entries.get(i), e));
      }
    }
    return new URLClassLoader("unroll-project", urls, ProjectClassLoader.class.getClassLoader());
  }
}
