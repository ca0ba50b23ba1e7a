package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import dev.unroll.training.optim.OptimizerSettings;
import dev.unroll.training.optim.Optimizers;
import dev.unroll.training.train.Seq2SeqTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTextTest {
  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("pairs.tsv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsCharactersOrTokensWithStartEndAndUnknownSymbols() throws IOException {
    ParallelText chars = ParallelText.read(write("abc\tAB\n\nb\tB A\n"), true);
    assertEquals(2, chars.size());
    assertEquals(List.of("a", "b", "c"), chars.source(0));
    assertEquals(List.of("B", " ", "A"), chars.target(1));
    ParallelText tokens = ParallelText.read(write("a b  c\tAH B\n"), false);
    assertEquals(List.of("a", "b", "c"), tokens.source(0));
    Vocabulary target = tokens.targetVocabulary();
    assertEquals(List.of("<s>", "</s>", "<unk>", "AH", "B"), target.symbols());
    assertEquals(List.of("<unk>", "a", "b", "c"), tokens.sourceVocabulary().symbols());
  }

  @Test
  void eachSideIsReadItsOwnWayAndPairsCanBeSelected() throws IOException {
    // Grapheme-to-phoneme data: the letters of a word, then its phonemes as words.
    ParallelText g2p = ParallelText.read(write("cat\tK AE T\nox\tAA K S\n"), true, false);
    assertEquals(List.of("c", "a", "t"), g2p.source(0));
    assertEquals(List.of("K", "AE", "T"), g2p.target(0));
    ParallelText second = g2p.select(List.of(1));
    assertEquals(1, second.size());
    assertEquals(List.of("o", "x"), second.source(0));
    assertEquals(List.of("AA", "K", "S"), second.target(0));
    assertEquals(List.of("<s>", "</s>", "<unk>", "AA", "K", "S"), second.targetVocabulary().symbols());
  }

  @Test
  void batchesArePaddedTeacherForcedAndSortedByLength() throws IOException {
    ParallelText text = ParallelText.read(write("abc\tx\nb\tyx\n"), true);
    Vocabulary source = text.sourceVocabulary(); // <unk> a b c
    Vocabulary target = text.targetVocabulary(); // <s> </s> <unk> x y
    Seq2SeqBatch b = text.batches(source, target, 2, true).get(0);
    assertEquals(3, b.sourceSteps);
    assertEquals(3, b.targetSteps);
    // sorted by source length: "b" first, then "abc"; time-major [S, B]
    assertArrayEquals(new int[] {2, 1, 0, 2, 0, 3}, b.sourceSymbols);
    assertArrayEquals(new int[] {1, 3}, b.sourceLengths);
    assertArrayEquals(new int[] {0, 0, 4, 3, 3, 0}, b.decoderInput);
    assertArrayEquals(new int[] {4, 3, 3, 1, 1, 0}, b.targets);
    assertArrayEquals(new int[] {3, 2}, b.targetLengths);
  }

  @Test
  void aLineWithoutOneTabIsAnErrorNamingTheLine() throws IOException {
    Path file = write("ab\tAB\nno tab here\n");
    MalformedDataException e = assertThrows(MalformedDataException.class, () -> ParallelText.read(file, true));
    assertTrue(e.getMessage().contains("pairs.tsv") && e.getMessage().contains("2"), e.getMessage());
    assertTrue(e.getMessage().contains("source<TAB>target"), e.getMessage());
  }

  /** Teacher-forced training on padded, length-sorted batches learns to copy short strings. */
  @Test
  void trainingOnParallelBatchesLowersTheLoss() throws IOException {
    ParallelText text = copyTask(24, 3);
    Vocabulary source = text.sourceVocabulary();
    Vocabulary target = text.targetVocabulary();
    EncoderDecoder net = copyModel(text, 8, 16, Attention.DOT);
    net.initialize(1);
    List<Seq2SeqBatch> batches = text.batches(source, target, 8, true);
    Seq2SeqWorkspace ws = net.newWorkspace(4, 5, 8);
    double first = 0;
    double last = 0;
    for (int epoch = 0; epoch < 60; epoch++) {
      double total = 0;
      for (Seq2SeqBatch b : batches) {
        ws.zeroGradients();
        net.forward(ws, b);
        total += net.loss(ws, b);
        net.backward(ws, b);
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
          p[i] -= 0.5f * ws.gradients()[i];
        }
      }
      if (epoch == 0) {
        first = total;
      }
      last = total;
    }
    assertTrue(last < 0.3 * first, "loss " + first + " -> " + last);
  }

  /** Adam on the copy task: greedy decoding of the training pairs becomes mostly right. */
  @Test
  void theTrainerLearnsToCopy() throws IOException {
    ParallelText text = copyTask(32, 5);
    Vocabulary source = text.sourceVocabulary();
    Vocabulary target = text.targetVocabulary();
    EncoderDecoder net = copyModel(text, 12, 24, Attention.GENERAL);
    net.initialize(2);
    Seq2SeqTrainer trainer = new Seq2SeqTrainer(net, source, target,
        Optimizers.create(dev.unroll.dsl.Optimizer.ADAM, net.parameters().length, OptimizerSettings.defaults()),
        0.02f, 5.0);
    List<Seq2SeqTrainer.EpochReport> reports = trainer.train(text, text, 40, 8);
    Seq2SeqTrainer.EpochReport last = reports.get(reports.size() - 1);
    System.out.println("copy task after 40 epochs: " + last);
    assertTrue(last.trainingLoss() < 0.2 * reports.get(0).trainingLoss(), reports.toString());
    assertTrue(last.tokenAccuracy() > 0.8, last.toString());
  }

  /** The copy task: {@code pairs} random words of 1 to 4 letters from {a, b, c}, each paired with its upper case. */
  private ParallelText copyTask(int pairs, long seed) throws IOException {
    StringBuilder lines = new StringBuilder();
    java.util.Random rng = new java.util.Random(seed);
    for (int i = 0; i < pairs; i++) {
      StringBuilder w = new StringBuilder();
      for (int j = 0, n = 1 + rng.nextInt(4); j < n; j++) {
        w.append((char) ('a' + rng.nextInt(3)));
      }
      lines.append(w).append('\t').append(w.toString().toUpperCase()).append('\n');
    }
    return ParallelText.read(write(lines.toString()), true);
  }

  /** A GRU encoder (bidirectional) and decoder over the copy task's vocabularies. */
  private static EncoderDecoder copyModel(ParallelText text, int encoderUnits, int decoderUnits, Attention attention) {
    int sourceSize = text.sourceVocabulary().size();
    int targetSize = text.targetVocabulary().size();
    return new InterpretedEncoderDecoder(new Seq2SeqSpec("Copy", sourceSize, true,
        List.of(new LayerSpec(Cell.GRU, encoderUnits, true, 0f, 0f)),
        List.of(new LayerSpec(Cell.GRU, decoderUnits, false, 0f, 0f)), targetSize, attention, 0, targetSize));
  }
}
