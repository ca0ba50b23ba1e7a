package dev.unroll.processor;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.StorageRule;
import dev.unroll.dsl.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Messager;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Checks one {@code @AssociativeMemory} declaration, reports every mistake at once on the value at
 * fault, and reads a clean one into a {@link MemoryDescription}.
 */
final class MemoryValidator {
  /** Largest N whose N^2 weights fit in one float[] (as {@code MemorySpec.MAX_UNITS}). */
  static final int MAX_UNITS = 46340;

  private final Elements elements;
  private final Messager messager;

  MemoryValidator(Elements elements, Messager messager) {
    this.elements = elements;
    this.messager = messager;
  }

  /** The description of a valid declaration, or null after printing its errors. */
  MemoryDescription read(Element element) {
    if (element.getKind() != ElementKind.CLASS) {
      messager.printMessage(Diagnostic.Kind.ERROR, MemoryMessage.NOT_A_CLASS.format(describe(element)), element);
      return null;
    }
    TypeElement type = (TypeElement) element;
    Annotation memory = Annotation.find(element, AssociativeMemory.class.getName(), elements);
    List<Runnable> errors = new ArrayList<>();
    if (Annotation.find(element, RecurrentModel.class.getName(), elements) != null) {
      errors.add(() -> messager.printMessage(Diagnostic.Kind.ERROR, MemoryMessage.BOTH.format(), element,
          memory.mirror()));
    }
    int units = memory.getInt("units");
    if (units < 2 || units > MAX_UNITS) {
      errors.add(error(element, memory, "units", MemoryMessage.UNITS, MAX_UNITS, units));
    }
    int maxSweeps = memory.getInt("maxSweeps");
    if (maxSweeps <= 0) {
      errors.add(error(element, memory, "maxSweeps", MemoryMessage.MAX_SWEEPS, maxSweeps));
    }
    String data = memory.getString("data");
    if (!data.equals(data.strip())) {
      errors.add(error(element, memory, "data", MemoryMessage.DATA, data, "starts or ends with white space"));
    }
    String name = memory.getString("name").isEmpty() ? type.getSimpleName() + "Net" : memory.getString("name");
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      errors.add(error(element, memory, "name", MemoryMessage.NAME_INVALID, name));
    } else {
      String qualified = pkg.isEmpty() ? name : pkg + "." + name;
      TypeElement existing = elements.getTypeElement(qualified);
      if (existing != null && !isGeneratedByUs(existing)) {
        errors.add(error(element, memory, "name", MemoryMessage.NAME_CLASH, qualified,
            "the existing type " + existing.getQualifiedName()));
      }
    }
    if (!errors.isEmpty()) {
      errors.forEach(Runnable::run);
      return null;
    }
    return new MemoryDescription(pkg, name, type.getQualifiedName().toString(), units,
        memory.getEnum("update", Update.class), memory.getBoolean("zeroSelfConnections"),
        memory.getEnum("rule", StorageRule.class), maxSweeps, memory.getLong("seed"), data);
  }

  /** An error on the written value {@code name}, or on the annotation when the value is a default. */
  private Runnable error(Element element, Annotation at, String name, MemoryMessage message, Object... args) {
    String text = message.format(args);
    return () -> {
      if (at.written(name) != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, text, element, at.mirror(), at.written(name));
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, text, element, at.mirror());
      }
    };
  }

  /**
   * Whether an existing type is our own output from an earlier round or build: a class implementing
   * {@code HopfieldNetwork} ({@code @Generated} is not kept in class files).
   */
  private static boolean isGeneratedByUs(TypeElement existing) {
    return existing.getInterfaces().stream()
        .anyMatch(i -> i.toString().equals(MemoryWriter.NETWORK.canonicalName()));
  }

  private static String describe(Element element) {
    String kind = element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    return article + kind + " (" + element.getSimpleName() + ")";
  }
}
