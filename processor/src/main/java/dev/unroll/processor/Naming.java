package dev.unroll.processor;

import dev.unroll.model.Parameters;

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
  private static String constantSuffix(int layer, int direction) {
    return "_L" + layer + (direction == 1 ? "_REVERSE" : "");
  }

  /** Suffix of fields and methods: {@code L0}, {@code L0Reverse}. */
  private static String memberSuffix(int layer, int direction) {
    return "L" + layer + (direction == 1 ? "Reverse" : "");
  }

  /**
   * The constant that holds the offset of a parameter tensor: the role's name plus, for a layer's
   * tensors, the layer-direction ({@code W_IH_L0_REVERSE}, {@code LN_C_W_L1}); {@code layer} is -1
   * for the others ({@code HEAD_W}).
   */
  static String offset(Parameters.Role role, int layer, int direction) {
    String name = switch (role) {
      case EMBEDDING -> EMBEDDING;
      case H0 -> H0;
      case C0 -> C0;
      case HEAD_WEIGHT -> HEAD_W;
      case HEAD_BIAS -> HEAD_B;
      case INIT_WEIGHT -> INIT_W;
      case INIT_BIAS -> INIT_B;
      case INIT_CELL_WEIGHT -> INIT_CELL_W;
      case INIT_CELL_BIAS -> INIT_CELL_B;
      case WEIGHT_IH -> "W_IH";
      case WEIGHT_HH -> "W_HH";
      case BIAS_IH -> "B_IH";
      case BIAS_HH -> "B_HH";
      case PEEPHOLE -> "PEEPHOLE";
      case LN_IH_WEIGHT -> "LN_IH_W";
      case LN_IH_BIAS -> "LN_IH_B";
      case LN_HH_WEIGHT -> "LN_HH_W";
      case LN_HH_BIAS -> "LN_HH_B";
      case LN_C_WEIGHT -> "LN_C_W";
      case LN_C_BIAS -> "LN_C_B";
    };
    return layer < 0 ? name : name + constantSuffix(layer, direction);
  }

  /**
   * The size constants and tape buffers of one layer (shared by its directions), each its prefix
   * and the layer's index: {@code H_L0}, {@code outL0}.
   */
  enum PerLayer {
    /** Units H: {@code H_L0}. */
    UNITS("H_L"),
    /** Gate rows G * H: {@code GH_L0}. */
    GATE_ROWS("GH_L"),
    /** Input width: {@code IN_L0}. */
    INPUT_WIDTH("IN_L"),
    /** Output width D * H: {@code OUT_L0}. */
    OUTPUT_WIDTH("OUT_L"),
    /** The layer's states, both directions side by side: {@code outL0}. */
    OUT("outL"),
    /** d loss / d {@link #OUT}: {@code dOutL0}. */
    D_OUT("dOutL"),
    /** The dropout mask: {@code dropoutMaskL0}. */
    DROPOUT_MASK("dropoutMaskL"),
    /** The states after dropout: {@code droppedL0}. */
    DROPPED("droppedL");

    private final String prefix;

    PerLayer(String prefix) {
      this.prefix = prefix;
    }

    /** The name of layer {@code layer}'s constant or buffer. */
    String of(int layer) {
      return prefix + layer;
    }
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

    /** The offset constant of this layer-direction's tensor of {@code role}: {@code W_IH_L0}. */
    String offset(Parameters.Role role) {
      return Naming.offset(role, layer, direction);
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
  }
}
