package dev.unroll.model;

import dev.unroll.dsl.InputKind;

/**
 * One timestep's input.
 *
 * @param kind dense features, one-hot symbols or embedded symbols
 * @param size features per step (dense) or number of symbols
 * @param embeddingSize embedding dimension for {@link InputKind#EMBEDDING}, else 0
 */
public record InputSpec(InputKind kind, int size, int embeddingSize) {

  /** Width of the vector the first recurrent layer reads per step. */
  public int featureSize() {
    return kind == InputKind.EMBEDDING ? embeddingSize : size;
  }
}
