package dev.unroll.processor;

import dev.unroll.model.ModelSpec;

/**
 * A validated {@code @RecurrentModel} as code generation sees it: the shared {@link ModelSpec}
 * (the one description of a model, which the generated class also carries and the writers read),
 * plus where the class goes, so code generation never looks at the annotation again.
 *
 * @param packageName the generated class's package
 * @param declaringClass the annotated class, qualified
 * @param spec the model
 */
record ModelDescription(String packageName, String declaringClass, ModelSpec spec) {

  String className() {
    return spec.name();
  }
}
