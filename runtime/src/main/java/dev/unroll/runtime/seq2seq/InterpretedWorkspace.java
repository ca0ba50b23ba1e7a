package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Attention;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterLayout;

/** The workspace of an {@link InterpretedEncoderDecoder}: its stacks' and attention's buffers. */
final class InterpretedWorkspace extends Seq2SeqWorkspace {
  final RecurrentStack encoder;
  final RecurrentStack decoder;
  /** The bridge's input: the encoder's final states {@code [B, E]}. */
  final float[] bridgeInput;
  /** The decoder's initial states {@code tanh(bridge) [B, Ld*Hd]}, and their gradient. */
  final float[] bridgeOutput, dBridge;
  /** d loss / d bridgeInput {@code [B, E]}. */
  final float[] dBridgeInput;
  /** Attention weights of every output step {@code [T, B, S]} (zero at padded source positions). */
  final float[] attention;
  /** d loss / d weights, then d loss / d scores, of the current step {@code [B, S]}. */
  final float[] dScores;
  /** general: {@code q = h W_a [T, B, E]}; d loss / d q. */
  final float[] query, dQuery;
  /** additive: {@code h W_q^T [T, B, A]}, {@code e W_k^T [S, B, A]}, their gradients, tanh values {@code [T, B, S, A]}. */
  final float[] queryProj, keyProj, dQueryProj, dKeyProj, additiveTanh;
  /** {@code [c_t ; h_t]} {@code [T, B, E+Hd]} and its gradient. */
  final float[] combined, dCombined;
  /** {@code h̃_t = tanh(W_c [c_t ; h_t]) [T, B, Hd]} and its gradient. */
  final float[] attentional, dAttentional;
  /** Logits {@code [T, B, O]} and d loss / d logits. */
  final float[] logits, dLogits;
  /** d loss / d parameters, accumulated by backward. */
  final float[] gradients;

  InterpretedWorkspace(Seq2SeqSpec spec, ParameterLayout layout, int maxSourceSteps, int maxTargetSteps,
      int maxBatch) {
    super(maxSourceSteps, maxTargetSteps, maxBatch);
    encoder = new RecurrentStack("encoder", spec.encoder(), spec.sourceSize(), spec.sourceOneHot(), layout,
        maxSourceSteps, maxBatch);
    decoder = new RecurrentStack("decoder", spec.decoder(), spec.vocabulary(), true, layout, maxTargetSteps,
        maxBatch);
    int e = spec.encoderOutputSize();
    int hd = spec.decoderUnits();
    int bridged = spec.decoder().size() * hd;
    int tb = maxTargetSteps * maxBatch;
    int sb = maxSourceSteps * maxBatch;
    boolean attends = spec.attention() != Attention.NONE;
    int a = spec.attentionSize();
    bridgeInput = new float[maxBatch * e];
    dBridgeInput = new float[maxBatch * e];
    bridgeOutput = new float[maxBatch * bridged];
    dBridge = new float[maxBatch * bridged];
    attention = new float[attends ? tb * maxSourceSteps : 0];
    dScores = new float[attends ? maxBatch * maxSourceSteps : 0];
    boolean general = spec.attention() == Attention.GENERAL;
    query = new float[general ? tb * e : 0];
    dQuery = new float[general ? tb * e : 0];
    boolean additive = spec.attention() == Attention.ADDITIVE;
    queryProj = new float[additive ? tb * a : 0];
    dQueryProj = new float[additive ? tb * a : 0];
    keyProj = new float[additive ? sb * a : 0];
    dKeyProj = new float[additive ? sb * a : 0];
    additiveTanh = new float[additive ? tb * maxSourceSteps * a : 0];
    combined = new float[attends ? tb * (e + hd) : 0];
    dCombined = new float[attends ? tb * (e + hd) : 0];
    attentional = new float[attends ? tb * hd : 0];
    dAttentional = new float[tb * hd];
    logits = new float[tb * spec.outputSize()];
    dLogits = new float[tb * spec.outputSize()];
    gradients = new float[layout.size()];
  }

  @Override
  public float[] attention() {
    return attention;
  }

  @Override
  public float[] encoderOutput() {
    return encoder.top();
  }

  @Override
  public float[] decoderInitialState() {
    return bridgeOutput;
  }

  @Override
  public float[] decoderOutput() {
    return decoder.top();
  }

  @Override
  public float[] attentionalHidden() {
    return attentional.length > 0 ? attentional : decoder.top();
  }

  @Override
  public float[] logits() {
    return logits;
  }

  @Override
  protected float[] logitGradient() {
    return dLogits;
  }

  @Override
  public float[] gradients() {
    return gradients;
  }

  @Override
  public float[] sourceGradient() {
    return encoder.dInput;
  }
}
