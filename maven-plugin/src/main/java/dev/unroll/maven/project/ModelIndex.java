package dev.unroll.maven.project;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the class indexes the annotation processors write under {@code META-INF/unroll/}: one
 * qualified class name per line, blank lines and {@code #} comments ignored. The networks' index
 * and the encoder-decoders' index share this format.
 */
public final class ModelIndex {
  private ModelIndex() {}

  /** The class names listed in the class output's {@code resource}, in order; empty when there is none. */
  public static List<String> read(Path classesDirectory, String resource) throws IOException {
    Path index = classesDirectory.resolve(resource);
    return Files.isRegularFile(index) ? parse(Files.readString(index, StandardCharsets.UTF_8)) : List.of();
  }

  /**
   * The class names listed in every {@code resource} that {@code loader} can see (the project's and
   * its dependencies'), without repeats.
   */
  public static List<String> readAll(ClassLoader loader, String resource) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (URL url : Collections.list(loader.getResources(resource))) {
      try (InputStream in = url.openStream()) {
        names.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return List.copyOf(names);
  }

  /** The package of a qualified class name; a model's artifacts live in its class-path folder. */
  public static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static List<String> parse(String text) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }
}
