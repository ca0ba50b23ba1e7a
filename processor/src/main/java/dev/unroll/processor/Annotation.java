package dev.unroll.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Typed read access to one annotation mirror, defaults included. Reading mirrors rather than
 * reflective proxies works whatever class loader javac gives the processor, and keeps the mirror
 * and the written value at hand for diagnostics that point at the exact value at fault.
 */
final class Annotation {
  private final AnnotationMirror mirror;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;

  Annotation(AnnotationMirror mirror, Elements elements) {
    this.mirror = mirror;
    this.withDefaults = elements.getElementValuesWithDefaults(mirror);
  }

  /** The annotation of this qualified name on the element, or null. */
  static Annotation find(Element element, String annotationName, Elements elements) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (m.getAnnotationType().toString().equals(annotationName)) {
        return new Annotation(m, elements);
      }
    }
    return null;
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  /** The value written in the source for {@code name}, or null if it is left at its default. */
  AnnotationValue written(String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private AnnotationValue value(String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : withDefaults.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("@" + mirror.getAnnotationType() + " has no element " + name);
  }

  /**
   * The value of {@code name} as the Java type its element declares.
   *
   * @throws UnresolvedValueException if javac could not resolve it (it reports that error itself)
   */
  private <T> T raw(String name, Class<T> type) {
    Object v = value(name).getValue();
    if (!type.isInstance(v)) {
      throw new UnresolvedValueException(name);
    }
    return type.cast(v);
  }

  int getInt(String name) {
    return raw(name, Number.class).intValue();
  }

  long getLong(String name) {
    return raw(name, Number.class).longValue();
  }

  float getFloat(String name) {
    return raw(name, Number.class).floatValue();
  }

  double getDouble(String name) {
    return raw(name, Number.class).doubleValue();
  }

  boolean getBoolean(String name) {
    return raw(name, Boolean.class);
  }

  String getString(String name) {
    return raw(name, String.class);
  }

  <E extends Enum<E>> E getEnum(String name, Class<E> type) {
    AnnotationValue v = value(name);
    String constant;
    try {
      Object constantElement = v.getValue();
      if (!(constantElement instanceof VariableElement ve)) {
        throw new UnresolvedValueException(name);
      }
      constant = ve.getSimpleName().toString();
    } catch (UnsupportedOperationException e) {
      // javac may leave an enum inside a default read from a class file (the @Training default of
      // @RecurrentModel) as a lazy proxy whose getValue() is unsupported until something completes
      // it; its text still ends with the constant's name.
      String text = v.toString();
      constant = text.substring(text.lastIndexOf('.') + 1);
    }
    return Enum.valueOf(type, constant);
  }

  Annotation getAnnotation(String name, Elements elements) {
    return new Annotation(raw(name, AnnotationMirror.class), elements);
  }

  List<Annotation> getAnnotations(String name, Elements elements) {
    List<Annotation> out = new ArrayList<>();
    for (Object item : raw(name, List.class)) {
      Object nested = ((AnnotationValue) item).getValue();
      if (!(nested instanceof AnnotationMirror m)) {
        throw new UnresolvedValueException(name);
      }
      out.add(new Annotation(m, elements));
    }
    return out;
  }

  /** A value javac could not resolve (an unknown constant, say); javac reports it on its own. */
  static final class UnresolvedValueException extends RuntimeException {
    UnresolvedValueException(String element) {
      super("unresolved value of " + element, null, false, false);
    }
  }
}
