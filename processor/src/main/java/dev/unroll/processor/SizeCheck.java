package dev.unroll.processor;

import dev.unroll.dsl.RecurrentModel;
import dev.unroll.model.BufferSizes;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.Parameters;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * Checks, in {@code long} arithmetic, that every array a model needs fits one Java array: its
 * parameters, and the buffers of a pass over one sequence of its declared steps. Generated code
 * computes these sizes in {@code int}, so a model that fails here would overflow instead of
 * failing clearly. Runs on the description, after {@link ModelValidator} found the values valid.
 */
final class SizeCheck {
  private final Elements elements;

  SizeCheck(Elements elements) {
    this.elements = elements;
  }

  ValidationReport check(Element element, ModelSpec spec) {
    ValidationReport.Builder report = ValidationReport.builder(element);
    Annotation annotation = Annotation.find(element, RecurrentModel.class.getName(), elements);
    Parameters parameters = Parameters.of(spec);
    if (!parameters.fitsOneArray()) {
      // Layers that large make the buffers too large as well; one error names the cause.
      report.error(annotation, "layers", Message.TOO_LARGE, sizeText(parameters.count()), Parameters.MAX_ARRAY);
      return report.build();
    }
    long longest = BufferSizes.longestForOneSequence(spec);
    if (longest > Parameters.MAX_ARRAY) {
      report.error(annotation, "steps", Message.BUFFER_TOO_LARGE, spec.steps(), sizeText(longest),
          BufferSizes.widestStepRow(spec), Parameters.MAX_ARRAY);
    }
    return report.build();
  }

  /** A size that saturated is past every long: say so rather than print Long.MAX_VALUE as a size. */
  private static Object sizeText(long size) {
    return size == Long.MAX_VALUE ? "more than " + (Long.MAX_VALUE - 1) : size;
  }
}
