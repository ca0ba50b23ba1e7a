package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The published modules carry what Maven Central asks of a release: name, description, url,
 * licence, developers and SCM in the POMs, and sources and Javadoc jars beside each jar.
 */
class PublicationTest {
  /** The repository root: the tests module's parent folder. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void rootPomCarriesTheMetadataEveryModuleInherits() throws Exception {
    Element project = pom(ROOT.resolve("pom.xml"));
    for (String field : List.of("name", "description", "url")) {
      assertFalse(text(project, field).isBlank(), "root pom.xml: <" + field + "> is required for publishing");
    }
    Element license = child(child(project, "licenses"), "license");
    assertEquals("Apache License, Version 2.0", text(license, "name"), "root pom.xml: <licenses><license><name>");
    assertTrue(Files.isRegularFile(ROOT.resolve("LICENSE")), "the licence text is in LICENSE");
    assertFalse(text(child(child(project, "developers"), "developer"), "name").isBlank(),
        "root pom.xml: <developers><developer><name>");
    Element scm = child(project, "scm");
    assertTrue(text(scm, "connection").startsWith("scm:git:"), "root pom.xml: <scm><connection>");
    assertFalse(text(scm, "url").isBlank(), "root pom.xml: <scm><url>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dsl", "processor", "runtime", "maven-plugin"})
  void publishedModulesAreNamedAndDescribed(String module) throws Exception {
    Element project = pom(ROOT.resolve(module).resolve("pom.xml"));
    assertFalse(text(project, "name").isBlank(), module + "/pom.xml: <name>");
    assertFalse(text(project, "description").isBlank(), module + "/pom.xml: <description>");
  }

  /** Runs where the reactor has already packaged the module (a whole-tree build does, before these tests). */
  @ParameterizedTest
  @ValueSource(strings = {"dsl:unroll-dsl", "processor:unroll-processor", "runtime:unroll-runtime"})
  void publishedJarsHaveSourcesAndJavadocBesideThem(String moduleAndArtifact) throws Exception {
    String[] parts = moduleAndArtifact.split(":");
    Path target = ROOT.resolve(parts[0]).resolve("target");
    String version = text(pom(ROOT.resolve("pom.xml")), "version");
    Path jar = target.resolve(parts[1] + "-" + version + ".jar");
    assumeTrue(Files.isRegularFile(jar), "module " + parts[0] + " not packaged in this build");
    Path sources = target.resolve(parts[1] + "-" + version + "-sources.jar");
    Path javadoc = target.resolve(parts[1] + "-" + version + "-javadoc.jar");
    assertTrue(Files.isRegularFile(sources), "sources jar beside " + jar);
    assertTrue(Files.isRegularFile(javadoc), "javadoc jar beside " + jar);
    try (JarFile docs = new JarFile(javadoc.toFile()); JarFile src = new JarFile(sources.toFile())) {
      assertTrue(docs.getEntry("index.html") != null, javadoc + " holds an index.html");
      assertTrue(src.stream().anyMatch(e -> e.getName().endsWith(".java")), sources + " holds .java files");
    }
  }

  private static Element pom(Path file) throws Exception {
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  /** The first direct child element named {@code name}; fails when there is none. */
  private static Element child(Element parent, String name) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }
}
