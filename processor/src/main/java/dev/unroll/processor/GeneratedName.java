package dev.unroll.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.function.Predicate;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Where a processor's generated class goes: the annotated class's package, and the annotation's
 * {@code name} or, when that is empty, the annotated class's simple name plus {@code Net}. Every
 * generated class carries {@link #ANNOTATION}.
 *
 * @param packageName the package of the annotated class (and of the generated one)
 * @param simpleName the generated class's simple name
 */
record GeneratedName(String packageName, String simpleName) {

  /**
   * The {@code @Generated} of every generated class, naming {@link UnrollProcessor}. (Not a field
   * of the processor: that must be constructible without JavaPoet, which a class path that holds
   * only the processor jar lacks; javac before 23 instantiates every processor it finds there.)
   */
  static final AnnotationSpec ANNOTATION = AnnotationSpec.builder(
      ClassName.get("javax.annotation.processing", "Generated"))
      .addMember("value", "$S", UnrollProcessor.class.getName())
      .build();

  /** The generated class of the model annotation {@code at} on {@code type}. */
  static GeneratedName of(Annotation at, TypeElement type, Elements elements) {
    String name = at.getString("name");
    return new GeneratedName(elements.getPackageOf(type).getQualifiedName().toString(),
        name.isEmpty() ? type.getSimpleName() + "Net" : name);
  }

  String qualifiedName() {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  /**
   * Reports on {@code at}'s {@code name} a simple name that is no Java identifier ({@code invalid}),
   * or one whose class exists already and is not our own output of an earlier round or build, as
   * {@code ours} recognises it ({@code clash}).
   */
  void check(Annotation at, Elements elements, Predicate<TypeElement> ours, Message invalid, Message clash,
      ValidationReport.Builder report) {
    if (!SourceVersion.isIdentifier(simpleName) || SourceVersion.isKeyword(simpleName)) {
      report.error(at, "name", invalid, simpleName);
      return;
    }
    TypeElement existing = elements.getTypeElement(qualifiedName());
    if (existing != null && !ours.test(existing)) {
      report.error(at, "name", clash, qualifiedName(), "the existing type " + existing.getQualifiedName());
    }
  }
}
