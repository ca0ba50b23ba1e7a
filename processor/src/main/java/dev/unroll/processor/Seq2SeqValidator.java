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
import java.util.Collections;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks one {@code @EncoderDecoder} declaration, reports every mistake at once on the annotation
 * value at fault (inside {@code @Encoder} or {@code @Decoder} where it stands there), and reads a
 * clean one into a {@link Seq2SeqSpec}. A bidirectional decoder cannot be declared: {@link Decoder}
 * has no such attribute.
 */
final class Seq2SeqValidator {
  private final Elements elements;
  private final Messager messager;
  private ValidationReport.Builder report;

  Seq2SeqValidator(Elements elements, Messager messager) {
    this.elements = elements;
    this.messager = messager;
  }

  /** The generated class's package, name and description; null after printing the errors. */
  record Result(String packageName, String originName, Seq2SeqSpec spec) {}

  Result read(Element element) {
    report = ValidationReport.builder(element);
    if (!report.isClass(Message.SEQ2SEQ_NOT_A_CLASS)) {
      report.build().printErrors(messager);
      return null;
    }
    TypeElement type = (TypeElement) element;
    Annotation model = Annotation.find(element, EncoderDecoder.class.getName(), elements);
    if (Annotation.find(element, RecurrentModel.class.getName(), elements) != null
        || Annotation.find(element, AssociativeMemory.class.getName(), elements) != null) {
      report.error(model, Message.SEQ2SEQ_NOT_BOTH);
    }
    Annotation enc = model.getAnnotation("encoder", elements);
    Annotation dec = model.getAnnotation("decoder", elements);
    InputKind input = enc.getEnum("input", InputKind.class);
    if (input == InputKind.EMBEDDING) {
      report.error(enc, "input", Message.SEQ2SEQ_INPUT_KIND, input);
    }
    int inputSize = positive(enc, "inputSize", Message.SEQ2SEQ_INPUT_SIZE);
    List<LayerSpec> encoder = stack(enc, "encoder", enc.getBoolean("bidirectional"));
    List<LayerSpec> decoder = stack(dec, "decoder", false);
    int vocabulary = positive(dec, "vocabulary", Message.SEQ2SEQ_VOCABULARY);
    Attention attention = model.getEnum("attention", Attention.class);
    int attentionSize = model.getInt("attentionSize");
    if (attention == Attention.ADDITIVE && attentionSize <= 0) {
      report.error(model, "attentionSize", Message.SEQ2SEQ_ATTENTION_SIZE, attentionSize);
    } else if (attention != Attention.ADDITIVE && attentionSize != 0) {
      report.error(model, "attentionSize", Message.SEQ2SEQ_ATTENTION_SIZE_UNUSED, attention, attentionSize);
    }
    if (attention == Attention.DOT && encoder != null && decoder != null) {
      LayerSpec top = encoder.get(0);
      if (decoder.get(0).units() != top.outputSize()) {
        report.error(model, "attention", Message.SEQ2SEQ_DOT_SIZE, decoder.get(0).units(),
            (top.bidirectional() ? "2 * " : "") + "encoder units", top.outputSize());
      }
    }
    int outputs = model.getInt("outputs");
    if (outputs < 0) {
      report.error(model, "outputs", Message.SEQ2SEQ_OUTPUTS, outputs);
    }
    GeneratedName name = GeneratedName.of(model, type, elements);
    name.check(model, elements, Seq2SeqValidator::isGeneratedByUs, Message.SEQ2SEQ_NAME_INVALID,
        Message.SEQ2SEQ_NAME_CLASH, report);
    if (report.build().printErrors(messager)) {
      return null;
    }
    Seq2SeqSpec spec = new Seq2SeqSpec(name.simpleName(), inputSize, input == InputKind.ONE_HOT, encoder, decoder, vocabulary,
        attention, attentionSize, outputs == 0 ? vocabulary : outputs);
    return new Result(name.packageName(), type.getQualifiedName().toString(), spec);
  }

  /** The layers of a stack, or null after recording its errors. */
  private List<LayerSpec> stack(Annotation at, String which, boolean bidirectional) {
    Cell cell = at.getEnum("cell", Cell.class);
    boolean ok = true;
    if (!Seq2SeqSpec.supports(cell)) {
      report.error(at, "cell", Message.SEQ2SEQ_CELL, which, cell);
      ok = false;
    }
    int units = at.getInt("units");
    if (units <= 0) {
      report.error(at, "units", Message.SEQ2SEQ_UNITS, which, units);
      ok = false;
    }
    int layers = at.getInt("layers");
    if (layers <= 0) {
      report.error(at, "layers", Message.SEQ2SEQ_LAYERS, which, layers);
      ok = false;
    }
    return ok ? Collections.nCopies(layers, new LayerSpec(cell, units, bidirectional, 0f, 0f)) : null;
  }

  private int positive(Annotation at, String name, Message message) {
    int value = at.getInt(name);
    if (value <= 0) {
      report.error(at, name, message, value);
    }
    return value;
  }

  /**
   * Whether an existing type is our own output from an earlier round or build: it has the {@code
   * SPEC} field of type {@link Seq2SeqSpec} ({@code @Generated} is not kept in class files).
   */
  private static boolean isGeneratedByUs(TypeElement existing) {
    return existing.getEnclosedElements().stream().anyMatch(e -> e.getKind() == ElementKind.FIELD
        && e.getSimpleName().contentEquals("SPEC") && e.asType().toString().equals(Seq2SeqSpec.class.getName()));
  }

}
