package dev.unroll.dsl;

/**
 * How an encoder-decoder's decoder looks at the encoder's states (Luong et al. 2015, global
 * attention without input feeding). {@code score(h_t, e_s)} is softmax-normalised over the source
 * positions of each sequence; the context {@code c_t = Σ_s a_ts e_s} and {@code h_t} are combined as
 * {@code tanh(W_c [c_t ; h_t])}.
 */
public enum Attention {
  /** No attention: the head reads the decoder's state {@code h_t}. */
  NONE,
  /** {@code h_t · e_s}; needs decoder units equal to the encoder's output width. */
  DOT,
  /** {@code h_t · (W_a e_s)} with {@code attention.weight [Hd, E]}. */
  GENERAL,
  /** {@code v · tanh(W_q h_t + W_k e_s)} with an attention size A (Bahdanau-style scoring). */
  ADDITIVE
}
