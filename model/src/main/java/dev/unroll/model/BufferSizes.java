package dev.unroll.model;

import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.InputKind;

/**
 * The sizes of a pass's buffers per sequence, in {@code long} arithmetic: every {@code [T, B, ...]}
 * buffer of a workspace holds {@code T * B} rows, the widest of width {@link #widestStepRow}. A
 * model whose buffers for one sequence of its declared steps do not fit one {@code float[]} can
 * never run, and is refused at compile time.
 */
public final class BufferSizes {
  private BufferSizes() {}

  /** The widest per-step row of any {@code [T, B, ...]} buffer: G * H of a layer, D * H, E, O or the input. */
  public static long widestStepRow(ModelSpec m) {
    long widest = m.input().kind() == InputKind.DENSE ? m.input().size() : 1;
    if (m.input().kind() == InputKind.EMBEDDING) {
      widest = Math.max(widest, m.input().embeddingSize());
    }
    for (LayerSpec l : m.layers()) {
      widest = Math.max(widest, Parameters.times(l.gates(), l.units()));
      widest = Math.max(widest, Parameters.times(l.directions(), l.units()));
    }
    if (m.head().mode() == HeadMode.MANY_TO_MANY) {
      widest = Math.max(widest, m.head().size());
    }
    return widest;
  }

  /** The longest buffer of a pass over one sequence of the declared steps: T times the widest row. */
  public static long longestForOneSequence(ModelSpec m) {
    return Parameters.times(m.steps(), widestStepRow(m));
  }
}
