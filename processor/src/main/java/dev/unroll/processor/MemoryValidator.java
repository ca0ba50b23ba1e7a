package dev.unroll.processor;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.dsl.StorageRule;
import dev.unroll.dsl.Update;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

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
    ValidationReport.Builder report = ValidationReport.builder(element);
    if (!report.isClass(Message.HOPFIELD_NOT_A_CLASS)) {
      report.build().printErrors(messager);
      return null;
    }
    TypeElement type = (TypeElement) element;
    Annotation memory = Annotation.find(element, AssociativeMemory.class.getName(), elements);
    if (Annotation.find(element, RecurrentModel.class.getName(), elements) != null) {
      report.error(memory, Message.HOPFIELD_BOTH);
    }
    int units = memory.getInt("units");
    if (units < 2 || units > MAX_UNITS) {
      report.error(memory, "units", Message.HOPFIELD_UNITS, MAX_UNITS, units);
    }
    int maxSweeps = memory.getInt("maxSweeps");
    if (maxSweeps <= 0) {
      report.error(memory, "maxSweeps", Message.HOPFIELD_MAX_SWEEPS, maxSweeps);
    }
    String data = memory.getString("data");
    if (!data.equals(data.strip())) {
      report.error(memory, "data", Message.HOPFIELD_DATA, data, "starts or ends with white space");
    }
    GeneratedName name = GeneratedName.of(memory, type, elements);
    name.check(memory, elements, MemoryValidator::isGeneratedByUs, Message.HOPFIELD_NAME_INVALID,
        Message.HOPFIELD_NAME_CLASH, report);
    if (report.build().printErrors(messager)) {
      return null;
    }
    return new MemoryDescription(name.packageName(), name.simpleName(), type.getQualifiedName().toString(), units,
        memory.getEnum("update", Update.class), memory.getBoolean("zeroSelfConnections"),
        memory.getEnum("rule", StorageRule.class), maxSweeps, memory.getLong("seed"), data);
  }

  /**
   * Whether an existing type is our own output from an earlier round or build: a class implementing
   * {@code HopfieldNetwork} ({@code @Generated} is not kept in class files).
   */
  private static boolean isGeneratedByUs(TypeElement existing) {
    return existing.getInterfaces().stream()
        .anyMatch(i -> i.toString().equals(MemoryWriter.NETWORK.canonicalName()));
  }
}
