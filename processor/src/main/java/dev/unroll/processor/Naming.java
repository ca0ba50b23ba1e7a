package dev.unroll.processor;

/**
 * Every name the generated network declares or refers to, in one place (as Dagger's
 * {@code ComponentNames}): size constants, parameter offsets, methods, the buffers of its tape
 * and the workspace fields it inherits. The writers ask here and never paste names together, so
 * that the parameter plan, the constants, the tape and the method bodies agree.
 *
 * <p>Layer k's forward direction is {@code Lk}, its backward direction {@code LkReverse}
 * (PyTorch's {@code _reverse}); see {@link LayerDirection}.
 */
final class Naming {
  private Naming() {}

  /** The value of the generated class's {@code @Generated}. */
  static final String GENERATED_BY = RecurrentModelProcessor.class.getName();

  // ---- constants and fields of the generated class -------------------------------------------

  static final String STEPS = "STEPS";
  static final String INPUT_SIZE = "INPUT_SIZE";
  static final String EMBEDDING_SIZE = "EMBEDDING_SIZE";
  static final String OUTPUT_SIZE = "OUTPUT_SIZE";
  static final String PARAMETER_COUNT = "PARAMETER_COUNT";
  static final String SPEC = "SPEC";
  static final String LAYOUT = "LAYOUT";
  /** The flat parameter array. */
  static final String PARAMS = "params";

  /** Offsets of the parameters that belong to no layer. */
  static final String EMBEDDING = "EMBEDDING";
  static final String H0 = "H0";
  static final String C0 = "C0";
  static final String HEAD_W = "HEAD_W";
  static final String HEAD_B = "HEAD_B";
  /** Offsets of the conditioned initial state's projections, and the feature size F. */
  static final String INIT_W = "INIT_W";
  static final String INIT_B = "INIT_B";
  static final String INIT_CELL_W = "INIT_CELL_W";
  static final String INIT_CELL_B = "INIT_CELL_B";
  static final String CONDITION_SIZE = "CONDITION_SIZE";
  /** The tape's d loss / d z buffer {@code [B, F]}. */
  static final String CONDITION_GRADIENT = "dConditions";

  // ---- fields the tape inherits from the runtime's Workspace ---------------------------------

  static final String GRADIENTS = "gradients";
  static final String LOGITS = "logits";
  static final String D_LOGITS = "dLogits";
  static final String INPUT_GRADIENT = "inputGradient";
  static final String INITIAL_HIDDEN = "initialHidden";
  static final String INITIAL_CELL = "initialCell";
  static final String FINAL_HIDDEN = "finalHidden";
  static final String FINAL_CELL = "finalCell";

  // ---- tape buffers that belong to no layer --------------------------------------------------

  static final String EMBEDDED = "embedded";
  static final String D_EMBEDDED = "dEmbedded";
  static final String HEAD_PACKED = "headPacked";
  static final String HEAD_INPUT = "headInput";
  static final String D_HEAD_INPUT = "dHeadInput";

  // ---- per layer -----------------------------------------------------------------------------

  /** Suffix of constants: {@code _L0}, {@code _L0_REVERSE}. */
  static String constantSuffix(int layer, int direction) {
    return "_L" + layer + (direction == 1 ? "_REVERSE" : "");
  }

  /** Suffix of fields and methods: {@code L0}, {@code L0Reverse}. */
  static String memberSuffix(int layer, int direction) {
    return "L" + layer + (direction == 1 ? "Reverse" : "");
  }

  static String wIh(int layer, int direction) {
    return "W_IH" + constantSuffix(layer, direction);
  }

  static String wHh(int layer, int direction) {
    return "W_HH" + constantSuffix(layer, direction);
  }

  static String bIh(int layer, int direction) {
    return "B_IH" + constantSuffix(layer, direction);
  }

  static String bHh(int layer, int direction) {
    return "B_HH" + constantSuffix(layer, direction);
  }

  static String peephole(int layer, int direction) {
    return "PEEPHOLE" + constantSuffix(layer, direction);
  }

  /** A layer norm's gain or bias offset: {@code LN_IH_W_L0}; {@code which} is IH, HH or C, {@code part} W or B. */
  static String layerNorm(String which, String part, int layer, int direction) {
    return "LN_" + which + "_" + part + constantSuffix(layer, direction);
  }

  /** Units of layer k: {@code H_L0}. */
  static String units(int layer) {
    return "H_L" + layer;
  }

  /** Gate rows (G * H) of layer k: {@code GH_L0}. */
  static String gateRows(int layer) {
    return "GH_L" + layer;
  }

  /** Input width of layer k: {@code IN_L0}. */
  static String inputWidth(int layer) {
    return "IN_L" + layer;
  }

  /** Output width (D * H) of layer k: {@code OUT_L0}. */
  static String outputWidth(int layer) {
    return "OUT_L" + layer;
  }

  /** Layer k's states, both directions side by side: {@code outL0}. */
  static String out(int layer) {
    return "outL" + layer;
  }

  /** d loss / d {@link #out}: {@code dOutL0}. */
  static String dOut(int layer) {
    return "dOutL" + layer;
  }

  /** Layer k's dropout mask: {@code dropoutMaskL0}. */
  static String dropoutMask(int layer) {
    return "dropoutMaskL" + layer;
  }

  /** Layer k's states after dropout: {@code droppedL0}. */
  static String dropped(int layer) {
    return "droppedL" + layer;
  }

  /** Names of one layer-direction's offsets, methods and tape buffers. */
  record LayerDirection(int layer, int direction) {
    private String suffix() {
      return memberSuffix(layer, direction);
    }

    String forwardMethod() {
      return "forward" + suffix();
    }

    String backwardMethod() {
      return "backward" + suffix();
    }

    String wIh() {
      return Naming.wIh(layer, direction);
    }

    String wHh() {
      return Naming.wHh(layer, direction);
    }

    String bIh() {
      return Naming.bIh(layer, direction);
    }

    String bHh() {
      return Naming.bHh(layer, direction);
    }

    String peephole() {
      return Naming.peephole(layer, direction);
    }

    /** {@code x W_ih^T + b_ih} of every step. */
    String inputProjection() {
      return "xProj" + suffix();
    }

    /** {@code h_{t-1} W_hh^T} of the current step. */
    String recurrentProjection() {
      return "hProj" + suffix();
    }

    /** d loss / d gate pre-activations of every step. */
    String dPreactivation() {
      return "dPreact" + suffix();
    }

    /** GRU: d loss / d (h_{t-1} W_hh^T + b_hh) of every step. */
    String dRecurrentProjection() {
      return "dHProj" + suffix();
    }

    /** Gate activations of every step. */
    String gates() {
      return "gates" + suffix();
    }

    /** LSTM: cell states of every step. */
    String cell() {
      return "cell" + suffix();
    }

    /** GRU: {@code W_hn h_{t-1} + b_hn} of every step. */
    String newGateRecurrent() {
      return "hn" + suffix();
    }

    /** d loss / d h carried back to the previous step. */
    String dh() {
      return "dh" + suffix();
    }

    /** LSTM: d loss / d c carried back to the previous step. */
    String dc() {
      return "dc" + suffix();
    }

    String wIhPacked() {
      return "wIhPacked" + suffix();
    }

    String wHhPacked() {
      return "wHhPacked" + suffix();
    }

    /** Recurrent dropout: the mask of each sequence. */
    String recurrentMask() {
      return "recurrentMask" + suffix();
    }

    /** Recurrent dropout: masked previous states of every step. */
    String maskedPrevious() {
      return "hPrevMasked" + suffix();
    }

    /** Recurrent dropout: {@code da_t W_hh} before the mask. */
    String dhUnmasked() {
      return "dhUnmasked" + suffix();
    }

    // ---- layer-normalised cells ----

    /** {@code x W_ih^T} of every step, before the layer norm. */
    String inputProjectionRaw() {
      return "xRaw" + suffix();
    }

    /** {@code h_{t-1} W_hh^T} of the current step, before the layer norm. */
    String recurrentProjectionRaw() {
      return "hRaw" + suffix();
    }

    /** A layer norm's normalised rows of every step; {@code which} is x, h or c. */
    String normalized(String which) {
      return which + "Hat" + suffix();
    }

    /** A layer norm's {@code 1/sqrt(var + eps)} per row of every step; {@code which} is x, h or c. */
    String inverseDeviation(String which) {
      return which + "Rstd" + suffix();
    }

    /** d loss / d {@link #inputProjectionRaw}. */
    String dInputProjectionRaw() {
      return "dXRaw" + suffix();
    }

    /** d loss / d {@code h_{t-1} W_hh^T} of every step, before the layer norm. */
    String dRecurrentProjectionRaw() {
      return "dHRaw" + suffix();
    }

    /** LSTM: d loss / d LN(c_t) of the current step. */
    String dNormalizedCell() {
      return "dCellNorm" + suffix();
    }

    String lnIhWeight() {
      return layerNorm("IH", "W", layer, direction);
    }

    String lnIhBias() {
      return layerNorm("IH", "B", layer, direction);
    }

    String lnHhWeight() {
      return layerNorm("HH", "W", layer, direction);
    }

    String lnHhBias() {
      return layerNorm("HH", "B", layer, direction);
    }

    String lnCellWeight() {
      return layerNorm("C", "W", layer, direction);
    }
  }
}
