package dev.unroll.runtime.model;

/**
 * One timestep's input.
 *
 * @param type dense features, one-hot symbols or embedded symbols
 * @param size features per step (dense) or number of symbols
 * @param embeddingSize embedding dimension for {@link InputType#EMBEDDING}, else 0
 */
public record InputSpec(InputType type, int size, int embeddingSize) {

  /** Width of the vector the first recurrent layer reads per step. */
  public int featureSize() {
    return type == InputType.EMBEDDING ? embeddingSize : size;
  }
}
