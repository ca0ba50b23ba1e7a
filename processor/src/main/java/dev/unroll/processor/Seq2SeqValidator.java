package dev.unroll.processor;

import dev.unroll.dsl.AssociativeMemory;
import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Decoder;
import dev.unroll.dsl.EncoderDecoder;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.RecurrentModel;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.Collections;
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
 * Checks one {@code @EncoderDecoder} declaration, reports every mistake at once on the annotation
 * value at fault (inside {@code @Encoder} or {@code @Decoder} where it stands there), and reads a
 * clean one into a {@link Seq2SeqSpec}. A bidirectional decoder cannot be declared: {@link Decoder}
 * has no such attribute.
 */
final class Seq2SeqValidator {
  private final Elements elements;
  private final Messager messager;
  private final List<Runnable> errors = new ArrayList<>();
  private Element element;

  Seq2SeqValidator(Elements elements, Messager messager) {
    this.elements = elements;
    this.messager = messager;
  }

  /** The generated class's package, name and description; null after printing the errors. */
  record Result(String packageName, String originName, Seq2SeqSpec spec) {
    /** The generated class, qualified. */
    String qualifiedName() {
      return packageName.isEmpty() ? spec.name() : packageName + "." + spec.name();
    }
  }

  Result read(Element element) {
    this.element = element;
    if (element.getKind() != ElementKind.CLASS) {
      messager.printMessage(Diagnostic.Kind.ERROR, Seq2SeqMessage.NOT_A_CLASS.format(describe(element)), element);
      return null;
    }
    TypeElement type = (TypeElement) element;
    Annotation model = Annotation.find(element, EncoderDecoder.class.getName(), elements);
    if (Annotation.find(element, RecurrentModel.class.getName(), elements) != null
        || Annotation.find(element, AssociativeMemory.class.getName(), elements) != null) {
      errors.add(() -> messager.printMessage(Diagnostic.Kind.ERROR, Seq2SeqMessage.NOT_BOTH.format(), element,
          model.mirror()));
    }
    Annotation enc = model.getAnnotation("encoder", elements);
    Annotation dec = model.getAnnotation("decoder", elements);
    InputKind input = enc.getEnum("input", InputKind.class);
    if (input == InputKind.EMBEDDING) {
      error(enc, "input", Seq2SeqMessage.INPUT_KIND, input);
    }
    int inputSize = positive(enc, "inputSize", Seq2SeqMessage.INPUT_SIZE);
    List<LayerSpec> encoder = stack(enc, "encoder", enc.getBoolean("bidirectional"));
    List<LayerSpec> decoder = stack(dec, "decoder", false);
    int vocabulary = positive(dec, "vocabulary", Seq2SeqMessage.VOCABULARY);
    Attention attention = model.getEnum("attention", Attention.class);
    int attentionSize = model.getInt("attentionSize");
    if (attention == Attention.ADDITIVE && attentionSize <= 0) {
      error(model, "attentionSize", Seq2SeqMessage.ATTENTION_SIZE, attentionSize);
    } else if (attention != Attention.ADDITIVE && attentionSize != 0) {
      error(model, "attentionSize", Seq2SeqMessage.ATTENTION_SIZE_UNUSED, attention, attentionSize);
    }
    if (attention == Attention.DOT && encoder != null && decoder != null) {
      LayerSpec top = encoder.get(0);
      if (decoder.get(0).units() != top.outputSize()) {
        error(model, "attention", Seq2SeqMessage.DOT_SIZE, decoder.get(0).units(),
            (top.bidirectional() ? "2 * " : "") + "encoder units", top.outputSize());
      }
    }
    int outputs = model.getInt("outputs");
    if (outputs < 0) {
      error(model, "outputs", Seq2SeqMessage.OUTPUTS, outputs);
    }
    String name = model.getString("name").isEmpty() ? type.getSimpleName() + "Net" : model.getString("name");
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      error(model, "name", Seq2SeqMessage.NAME_INVALID, name);
    } else {
      String qualified = pkg.isEmpty() ? name : pkg + "." + name;
      TypeElement existing = elements.getTypeElement(qualified);
      if (existing != null && !isGeneratedByUs(existing)) {
        error(model, "name", Seq2SeqMessage.NAME_CLASH, qualified, "the existing type " + existing.getQualifiedName());
      }
    }
    if (!errors.isEmpty()) {
      errors.forEach(Runnable::run);
      return null;
    }
    Seq2SeqSpec spec = new Seq2SeqSpec(name, inputSize, input == InputKind.ONE_HOT, encoder, decoder, vocabulary,
        attention, attentionSize, outputs == 0 ? vocabulary : outputs);
    return new Result(pkg, type.getQualifiedName().toString(), spec);
  }

  /** The layers of a stack, or null after recording its errors. */
  private List<LayerSpec> stack(Annotation at, String which, boolean bidirectional) {
    Cell cell = at.getEnum("cell", Cell.class);
    boolean ok = true;
    if (!Seq2SeqSpec.supports(cell)) {
      error(at, "cell", Seq2SeqMessage.CELL, which, cell);
      ok = false;
    }
    int units = at.getInt("units");
    if (units <= 0) {
      error(at, "units", Seq2SeqMessage.UNITS, which, units);
      ok = false;
    }
    int layers = at.getInt("layers");
    if (layers <= 0) {
      error(at, "layers", Seq2SeqMessage.LAYERS, which, layers);
      ok = false;
    }
    return ok ? Collections.nCopies(layers, new LayerSpec(cell, units, bidirectional, 0f, 0f)) : null;
  }

  private int positive(Annotation at, String name, Seq2SeqMessage message) {
    int value = at.getInt(name);
    if (value <= 0) {
      error(at, name, message, value);
    }
    return value;
  }

  /** An error on the written value {@code name}, or on the annotation when the value is a default. */
  private void error(Annotation at, String name, Seq2SeqMessage message, Object... args) {
    String text = message.format(args);
    Element on = element;
    errors.add(() -> {
      if (at.written(name) != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, text, on, at.mirror(), at.written(name));
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, text, on, at.mirror());
      }
    });
  }

  /**
   * Whether an existing type is our own output from an earlier round or build: it has the {@code
   * SPEC} field of type {@link Seq2SeqSpec} ({@code @Generated} is not kept in class files).
   */
  private static boolean isGeneratedByUs(TypeElement existing) {
    return existing.getEnclosedElements().stream().anyMatch(e -> e.getKind() == ElementKind.FIELD
        && e.getSimpleName().contentEquals("SPEC") && e.asType().toString().equals(Seq2SeqSpec.class.getName()));
  }

  private static String describe(Element element) {
    String kind = element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    return article + kind + " (" + element.getSimpleName() + ")";
  }
}
