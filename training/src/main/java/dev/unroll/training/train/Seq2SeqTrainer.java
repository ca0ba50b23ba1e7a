package dev.unroll.training.train;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import dev.unroll.runtime.seq2seq.SequenceMetrics;
import dev.unroll.runtime.seq2seq.Translator;
import dev.unroll.training.data.ParallelText;
import dev.unroll.training.optim.GradientClipping;
import dev.unroll.training.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Teacher-forced training of an encoder-decoder on parallel text: per epoch, one optimizer step
 * per length-sorted, padded batch (gradients clipped by global norm), then greedy decoding of the
 * evaluation pairs scored by {@link SequenceMetrics}. The workspace is allocated once.
 */
public final class Seq2SeqTrainer {
  /** One epoch: mean training loss per batch and the metrics of greedy decoding on the evaluation pairs. */
  public record EpochReport(int epoch, double trainingLoss, double tokenAccuracy, double sequenceAccuracy,
      double errorRate) {}

  private final EncoderDecoder net;
  private final Vocabulary source;
  private final Vocabulary target;
  private final Optimizer optimizer;
  private final float learningRate;
  private final double clipNorm;

  public Seq2SeqTrainer(EncoderDecoder net, Vocabulary source, Vocabulary target, Optimizer optimizer,
      float learningRate, double clipNorm) {
    this.net = net;
    this.source = source;
    this.target = target;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
    this.clipNorm = clipNorm;
  }

  /** Trains {@code epochs} epochs on {@code training} and reports each, evaluated on {@code evaluation}. */
  public List<EpochReport> train(ParallelText training, ParallelText evaluation, int epochs, int batchSize) {
    List<Seq2SeqBatch> batches = training.batches(source, target, batchSize, true);
    int maxSource = batches.stream().mapToInt(b -> b.sourceSteps).max().orElseThrow();
    int maxTarget = batches.stream().mapToInt(b -> b.targetSteps).max().orElseThrow();
    Seq2SeqWorkspace ws = net.newWorkspace(maxSource, maxTarget, batchSize);
    List<EpochReport> reports = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double loss = 0;
      for (Seq2SeqBatch b : batches) {
        ws.zeroGradients();
        net.forward(ws, b);
        loss += net.loss(ws, b);
        net.backward(ws, b);
        if (clipNorm > 0) {
          GradientClipping.clipByGlobalNorm(ws.gradients(), clipNorm);
        }
        optimizer.step(net.parameters(), ws.gradients(), learningRate);
      }
      SequenceMetrics metrics = evaluate(evaluation, maxTarget + 2);
      reports.add(new EpochReport(epoch, loss / batches.size(), metrics.tokenAccuracy(), metrics.sequenceAccuracy(),
          metrics.errorRate()));
    }
    return reports;
  }

  /** Greedy decoding of every pair, compared without the end symbol. */
  public SequenceMetrics evaluate(ParallelText pairs, int maxLength) {
    int maxSource = 1;
    for (int i = 0; i < pairs.size(); i++) {
      maxSource = Math.max(maxSource, pairs.source(i).size());
    }
    Translator translator = new Translator(net, maxSource, maxLength, 1);
    int end = target.index(ParallelText.END);
    SequenceMetrics metrics = new SequenceMetrics();
    for (int i = 0; i < pairs.size(); i++) {
      int[] x = source.indices(pairs.source(i));
      int[] y = translator.greedy(null, x, x.length, end).symbols();
      int length = y.length > 0 && y[y.length - 1] == end ? y.length - 1 : y.length;
      metrics.add(Arrays.copyOf(y, length), target.indices(pairs.target(i)));
    }
    return metrics;
  }
}
