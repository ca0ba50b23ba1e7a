package dev.unroll.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Translator;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@link Seq2SeqExport} writes, the README's greedy loop over them, and what it refuses. */
class Seq2SeqExportTest {
  private static final Seq2SeqSpec SPEC = new Seq2SeqSpec("PronounceNet", 4, false,
      List.of(new LayerSpec(Cell.GRU, 3, true, 0f, 0f)),
      List.of(new LayerSpec(Cell.LSTM, 5, false, 0f, 0f), new LayerSpec(Cell.LSTM, 5, false, 0f, 0f)),
      7, Attention.GENERAL, 0, 7);

  @TempDir
  Path dir;
  private EncoderDecoder net;

  @BeforeEach
  void drawWeights() {
    net = new InterpretedEncoderDecoder(SPEC);
    // Weights larger than PyTorch's initialisation; seed 33 decodes the source below to three
    // different symbols and then the end symbol (most seeds repeat one symbol).
    Random random = new Random(33);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = (random.nextFloat() * 2 - 1) * 2f;
    }
  }

  @Test
  void writesBothGraphsWithTheirMetadata() throws Exception {
    List<Path> files = Seq2SeqExport.write(SPEC, Seq2SeqExport.parametersOf(net.layout(), net.parameters()), dir);
    assertEquals(List.of(dir.resolve("PronounceNet.encoder.onnx"), dir.resolve("PronounceNet.decoder.onnx")), files);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession encoder = env.createSession(files.get(0).toString());
         OrtSession decoder = env.createSession(files.get(1).toString())) {
      Map<String, String> meta = encoder.getMetadata().getCustomMetadata();
      assertEquals("PronounceNet", meta.get(ExportMetadata.MODEL));
      assertEquals("encoder", meta.get(ExportMetadata.GRAPH));
      assertTrue(meta.get(ExportMetadata.ARCHITECTURE).contains("\"attention\":\"general\""),
          meta.get(ExportMetadata.ARCHITECTURE));
      assertEquals("decoder_step", decoder.getMetadata().getCustomMetadata().get(ExportMetadata.GRAPH));
      assertEquals(List.of("source", "source_lengths"), List.copyOf(encoder.getInputNames()));
      assertEquals(List.of("encoder_output", "source_mask", "h_l0", "c_l0", "h_l1", "c_l1"),
          List.copyOf(encoder.getOutputNames()));
      assertEquals(List.of("previous", "h_l0", "c_l0", "h_l1", "c_l1", "encoder_output", "source_mask"),
          List.copyOf(decoder.getInputNames()));
      assertEquals(List.of("h_n_l0", "c_n_l0", "h_n_l1", "c_n_l1", "attention", "logits", "output"),
          List.copyOf(decoder.getOutputNames()));
    }
  }

  /** The README's greedy loop ("Interchange"), as written there, equals Translator.greedy. */
  @Test
  void readmeGreedyLoopEqualsTranslator() throws Exception {
    Seq2SeqExport.write(SPEC, Seq2SeqExport.parametersOf(net.layout(), net.parameters()), dir.resolve("onnx"));
    int s = 5;
    int I = 4; // the README's name for the source width
    int MAX = 9;
    int END = 6;
    float[] x = new float[s * I];
    Random random = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    String encoderFile = dir.resolve("onnx/PronounceNet.encoder.onnx").toString();
    String decoderFile = dir.resolve("onnx/PronounceNet.decoder.onnx").toString();

    // ---- from the README, with the file names above ----
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession encoder = env.createSession(encoderFile);
    OrtSession decoder = env.createSession(decoderFile);
    List<Integer> symbols = new ArrayList<>();
    try (OnnxTensor source = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {s, 1, I});
         OnnxTensor lengths = OnnxTensor.createTensor(env, new long[] {s});
         OrtSession.Result encoded = encoder.run(Map.of("source", source, "source_lengths", lengths))) {
      Map<String, OnnxTensor> inputs = new HashMap<>();    // h_l<k>, c_l<k>, encoder_output, source_mask
      for (String name : decoder.getInputNames()) {
        if (!name.equals("previous")) {
          inputs.put(name, (OnnxTensor) encoded.get(name).get());
        }
      }
      OrtSession.Result step = null;
      long previous = 0;                                   // the start symbol
      while (symbols.size() < MAX && (symbols.isEmpty() || previous != END)) {
        try (OnnxTensor symbol = OnnxTensor.createTensor(env, new long[] {previous})) {
          inputs.put("previous", symbol);
          OrtSession.Result next = decoder.run(inputs);
          float[] logits = ((float[][]) next.get("logits").get().getValue())[0];
          int best = 0;
          for (int y = 1; y < logits.length; y++) {
            best = logits[y] > logits[best] ? y : best;
          }
          symbols.add(best);
          previous = best;
          for (String name : decoder.getInputNames()) {    // this step's states are the next step's
            if (name.startsWith("h_l") || name.startsWith("c_l")) {
              inputs.put(name, (OnnxTensor) next.get(name.replace("_l", "_n_l")).get());
            }
          }
          if (step != null) {
            step.close();
          }
          step = next;
        }
      }
      if (step != null) {
        step.close();
      }
    }
    // ---- end of the README's code ----
    encoder.close();
    decoder.close();

    int[] expected = new Translator(net, s, MAX, 1).greedy(x, null, s, END).symbols();
    assertEquals(java.util.Arrays.stream(expected).boxed().toList(), symbols);
    assertTrue(symbols.stream().distinct().count() >= 3 && symbols.get(symbols.size() - 1) == END,
        "a decoding of one repeated symbol proves little: " + symbols);
  }

  /** Both graphs are built before either file is written: a bad decoder parameter leaves no encoder file. */
  @Test
  void nonFiniteParameterIsAnErrorNamingItAndWritesNothing() throws Exception {
    net.parameters()[net.layout().slot("head.weight").offset() + 3] = Float.NaN;
    OnnxExportException e = assertThrows(OnnxExportException.class,
        () -> Seq2SeqExport.write(SPEC, Seq2SeqExport.parametersOf(net.layout(), net.parameters()), dir));
    assertEquals("PronounceNet: parameter head.weight holds NaN at element 3; a model with non-finite weights (a"
        + " diverged training) is not exported", e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
