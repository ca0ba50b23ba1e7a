package dev.unroll.processor;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to (the processor does not link against the runtime). */
final class RuntimeTypes {
  private RuntimeTypes() {}

  private static final String RUNTIME = "dev.unroll.runtime";
  private static final String KERNEL = RUNTIME + ".kernel";

  static final ClassName RECURRENT_NETWORK = ClassName.get(RUNTIME, "RecurrentNetwork");
  static final ClassName WORKSPACE = ClassName.get(RUNTIME, "Workspace");
  static final ClassName BATCH = ClassName.get(RUNTIME, "Batch");
  static final ClassName PARAMETER_LAYOUT = ClassName.get(RUNTIME, "ParameterLayout");
  static final ClassName PARAMETER_SLOT = ClassName.get(RUNTIME, "ParameterSlot");
  static final ClassName INIT = ClassName.get(RUNTIME, "Init");

  /** The model description is shared with the processor (unroll-model), so generated code names its classes. */
  static final ClassName MODEL_SPEC = ClassName.get(dev.unroll.model.ModelSpec.class);

  static final ClassName GEMM = ClassName.get(KERNEL, "Gemm");
  static final ClassName ROWS = ClassName.get(KERNEL, "Rows");
  static final ClassName LOSSES = ClassName.get(KERNEL, "Losses");
  static final ClassName LSTM_CELL = ClassName.get(KERNEL, "LstmCell");
  static final ClassName GRU_CELL = ClassName.get(KERNEL, "GruCell");
  static final ClassName RNN_CELL = ClassName.get(KERNEL, "RnnCell");
  static final ClassName DROPOUT = ClassName.get(KERNEL, "Dropout");
  static final ClassName LAYER_NORM = ClassName.get(KERNEL, "LayerNorm");
  static final ClassName LAYER_NORM_LSTM_CELL = ClassName.get(KERNEL, "LayerNormLstmCell");
  static final ClassName CONDITIONED_STATE = ClassName.get(KERNEL, "ConditionedState");
}
