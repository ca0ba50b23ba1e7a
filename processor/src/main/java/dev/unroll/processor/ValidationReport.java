package dev.unroll.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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

  /**
   * Prints every error through the compiler, at the most precise position known, and answers
   * whether there were any (then the declaration is not generated).
   */
  boolean printErrors(Messager messager) {
    for (Item item : items) {
      if (item.value() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element(), item.mirror(), item.value());
      } else if (item.mirror() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element(), item.mirror());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element());
      }
    }
    return !items.isEmpty();
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

    /** Reports an error on the annotation as a whole. */
    Builder error(Annotation at, Message message, Object... args) {
      items.add(new Item(message.format(args), element, at.mirror(), null));
      return this;
    }

    /** Reports an error on the element itself. */
    Builder error(Message message, Object... args) {
      items.add(new Item(message.format(args), element, null, null));
      return this;
    }

    /**
     * Whether the element is a class, the only kind a model annotation may stand on; if not,
     * reports {@code notAClass} with what it is instead, e.g. "an interface (Model)".
     */
    boolean isClass(Message notAClass) {
      if (element.getKind() == ElementKind.CLASS) {
        return true;
      }
      String kind = element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
      error(notAClass, article + kind + " (" + element.getSimpleName() + ")");
      return false;
    }

    ValidationReport build() {
      return new ValidationReport(items);
    }
  }
}
