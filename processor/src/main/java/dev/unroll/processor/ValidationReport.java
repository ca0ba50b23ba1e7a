package dev.unroll.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The immutable outcome of validating one declaration: errors, each pointing at the element, the
 * annotation and (where one was written) the annotation value at fault.
 */
final class ValidationReport {

  /** One error and where it belongs. Mirror and value may be null when no better place exists. */
  record Item(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {}

  private final List<Item> items;

  private ValidationReport(List<Item> items) {
    this.items = List.copyOf(items);
  }

  boolean isClean() {
    return items.isEmpty();
  }

  List<Item> items() {
    return items;
  }

  /** Prints every error through the compiler, at the most precise position known. */
  void printTo(Messager messager) {
    for (Item item : items) {
      if (item.value() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element(), item.mirror(), item.value());
      } else if (item.mirror() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element(), item.mirror());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element());
      }
    }
  }

  static Builder builder(Element element) {
    return new Builder(element);
  }

  static final class Builder {
    private final Element element;
    private final List<Item> items = new ArrayList<>();

    private Builder(Element element) {
      this.element = element;
    }

    /**
     * Reports an error on the value named {@code name} of the annotation (or on the annotation, if
     * the source leaves that value at its default).
     */
    Builder error(Annotation at, String name, Message message, Object... args) {
      items.add(new Item(message.format(args), element, at.mirror(), at.written(name)));
      return this;
    }

    /** Reports an error on the element itself. */
    Builder error(Message message, Object... args) {
      items.add(new Item(message.format(args), element, null, null));
      return this;
    }

    ValidationReport build() {
      return new ValidationReport(items);
    }
  }
}
