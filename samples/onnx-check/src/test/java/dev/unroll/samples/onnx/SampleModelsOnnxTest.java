package dev.unroll.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.onnx.ExportMetadata;
import dev.unroll.onnx.OnnxExport;
import dev.unroll.onnx.Seq2SeqExport;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.io.InputStream;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample model, as its jar ships it (weights, card, vocabulary, normalisation), exported to
 * ONNX and run in ONNX Runtime on a padded batch: the logits, the top layer's states and the final
 * states agree with Unroll's forward pass within the reference forward tolerance. The char-rnn's
 * jar also ships its graphs ({@code rnn:export} with {@code packageWithWeights}); those generate
 * the same 50 characters as {@link TrainedModel#generate} at a fixed seed.
 */
class SampleModelsOnnxTest {
  private static final double ATOL = 5e-6;
  private static final double RTOL = 5e-5;
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  /** The models the samples declare: a sample that drops out of the check fails it. */
  private static final Set<String> EXPECTED = Set.of("dev.unroll.samples.shakespeare.CharRnnNet",
      "dev.unroll.samples.forecast.SunspotsNet", "dev.unroll.samples.tagger.EntityTaggerNet",
      "dev.unroll.samples.longrange.AddingLstmNet", "dev.unroll.samples.longrange.AddingRnnNet",
      "dev.unroll.samples.pos.PosTaggerNet", "dev.unroll.samples.melody.TuneRnnNet",
      "dev.unroll.samples.names.NameRnnNet");

  @TestFactory
  Stream<DynamicTest> everySampleModel() throws Exception {
    List<String> models = indexedModels();
    assertTrue(models.containsAll(EXPECTED), "sample models on the classpath: " + models);
    return models.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(load(name))));
  }

  @Test
  void packagedStepGraphGeneratesWhatTheModelGenerates() throws Exception {
    TrainedModel model = load("dev.unroll.samples.shakespeare.CharRnnNet");
    byte[] sequenceGraph = resource(model, OnnxExport.sequenceFileName("CharRnnNet"));
    byte[] stepGraph = resource(model, OnnxExport.stepFileName("CharRnnNet"));
    int[] prime = model.encode("ROMEO:\n");
    long seed = 7;
    int[] expected = model.generate(prime, 50, 1.0, 0, seed);

    ModelSpec spec = model.spec();
    int layers = spec.layers().size();
    Map<String, float[]> out = run(sequenceGraph, Map.of("input", longs(prime, prime.length, 1),
        "lengths", longs(new int[] {prime.length}, 1)));
    int o = spec.head().size();
    float[] logits = java.util.Arrays.copyOfRange(out.get("logits"), (prime.length - 1) * o, prime.length * o);
    Map<String, float[]> state = out;
    Sampler sampler = new Sampler(o);
    SplittableRandom random = new SplittableRandom(seed);
    int[] generated = new int[50];
    for (int i = 0; i < generated.length; i++) {
      generated[i] = sampler.sample(logits, 0, 1.0, 0, random);
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input", longs(new int[] {generated[i]}, 1));
      for (int k = 0; k < layers; k++) {
        int h = spec.layers().get(k).units();
        inputs.put("h_l" + k, floats(state.get("h_n_l" + k), 1, 1, h));
        inputs.put("c_l" + k, floats(state.get("c_n_l" + k), 1, 1, h));
      }
      state = run(stepGraph, inputs);
      logits = state.get("logits");
    }
    assertArrayEquals(expected, generated, "packaged ONNX graphs: " + model.decode(generated) + " vs Unroll: "
        + model.decode(expected));
    System.out.println("CharRnnNet.step.onnx from the model jar: ROMEO:\\n" + model.decode(generated).replace("\n", "\\n"));
  }

  /**
   * The pronounce sample's encoder-decoder, as its jar ships it, exported as its encoder and
   * decoder-step graphs: greedy decoding through ONNX Runtime writes the same phonemes as
   * {@link TrainedTranslator#translate(String)} for every test word.
   */
  @Test
  void pronounceGraphsDecodeWhatTheTranslatorDecodes() throws Exception {
    Class<?> type = Class.forName("dev.unroll.samples.pronounce.PronounceNet");
    EncoderDecoder net = (EncoderDecoder) type.getMethod("create", long.class).invoke(null, 0L);
    TrainedTranslator translator = TrainedTranslator.load(net, type);
    var parameters = Seq2SeqExport.parametersOf(net.layout(), net.parameters());
    int end = translator.targetVocabulary().indexOf("</s>");
    try (OrtSession encoder = ENV.createSession(Seq2SeqExport.encoderModel(net.spec(), parameters));
         OrtSession decoder = ENV.createSession(Seq2SeqExport.decoderStepModel(net.spec(), parameters))) {
      for (String word : List.of("unroll", "lattice", "spark", "gradient", "whisper", "kernel")) {
        List<String> expected = translator.translate(word).symbols();
        int[] source = translator.sourceVocabulary().indices(translator.split(word));
        List<String> decoded = greedy(encoder, decoder, source, end, 30).stream()
            .map(i -> translator.targetVocabulary().symbol(i)).toList();
        assertEquals(expected, decoded, word);
        System.out.println("onnx sample PronounceNet: " + word + " -> " + String.join(" ", decoded));
      }
    }
  }

  /** Greedy decoding through the two graphs, the end symbol left out. */
  private static List<Integer> greedy(OrtSession encoder, OrtSession decoder, int[] source, int end, int max)
      throws Exception {
    List<Integer> symbols = new ArrayList<>();
    Map<String, OnnxTensor> carried = new HashMap<>();
    try (OnnxTensor x = longs(source, source.length, 1); OnnxTensor lengths = longs(new int[] {source.length}, 1);
         OrtSession.Result encoded = encoder.run(Map.of("source", x, "source_lengths", lengths))) {
      for (String name : decoder.getInputNames()) {
        if (!name.equals("previous")) {
          carried.put(name, copy((OnnxTensor) encoded.get(name).get()));
        }
      }
    }
    int previous = 0; // the start symbol
    while (symbols.size() < max) {
      Map<String, OnnxTensor> inputs = new HashMap<>(carried);
      inputs.put("previous", longs(new int[] {previous}, 1));
      try (OrtSession.Result step = decoder.run(inputs)) {
        inputs.get("previous").close();
        float[] logits = ((float[][]) step.get("logits").get().getValue())[0];
        previous = Sampler.argmax(logits, 0, logits.length);
        if (previous == end) {
          break;
        }
        symbols.add(previous);
        for (String name : decoder.getInputNames()) {
          if (name.startsWith("h_l") || name.startsWith("c_l")) {
            carried.get(name).close();
            carried.put(name, copy((OnnxTensor) step.get(name.replace("_l", "_n_l")).get()));
          }
        }
      }
    }
    carried.values().forEach(OnnxTensor::close);
    return symbols;
  }

  private static OnnxTensor copy(OnnxTensor t) throws Exception {
    FloatBuffer buffer = t.getFloatBuffer();
    return OnnxTensor.createTensor(ENV, buffer, t.getInfo().getShape());
  }

  /** Exports the model in memory and compares ONNX Runtime with Unroll on a padded batch. */
  private static void check(TrainedModel model) throws Exception {
    RecurrentNetwork net = model.network();
    ModelSpec spec = net.spec();
    int steps = Math.min(spec.steps(), 30);
    int batch = 3;
    Random r = new Random(spec.name().hashCode());
    int[] lengths = {steps, Math.max(1, steps / 2), Math.max(1, steps - 3)};
    Batch input = new Batch();
    input.steps = steps;
    input.size = batch;
    input.lengths = lengths;
    Map<String, OnnxTensor> feeds = new HashMap<>();
    if (spec.input().kind().symbolic()) {
      input.symbols = new int[steps * batch];
      for (int i = 0; i < input.symbols.length; i++) {
        input.symbols[i] = r.nextInt(spec.input().size());
      }
      feeds.put("input", longs(input.symbols, steps, batch));
    } else {
      input.features = new float[steps * batch * spec.input().size()];
      for (int i = 0; i < input.features.length; i++) {
        input.features[i] = (float) r.nextGaussian();
      }
      feeds.put("input", floats(input.features, steps, batch, spec.input().size()));
    }
    feeds.put("lengths", longs(lengths, batch));
    if (spec.conditioned()) {
      input.conditions = new float[batch * spec.conditionSize()];
      for (int i = 0; i < input.conditions.length; i++) {
        input.conditions[i] = (float) r.nextGaussian();
      }
      feeds.put("z", floats(input.conditions, batch, spec.conditionSize()));
    }
    Workspace ws = net.newWorkspace(steps, batch);
    net.forward(ws, input);
    Map<String, float[]> out = run(OnnxExport.sequenceModel(net, ExportMetadata.of(model), true), feeds);

    int o = spec.head().size();
    boolean perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
    int rows = perStep ? steps * batch : batch;
    List<String> failures = new ArrayList<>();
    double worst = compare("logits", java.util.Arrays.copyOf(ws.logits, rows * o), out.get("logits"), o,
        perStep ? lengths : null, batch, failures);
    int top = spec.topOutputSize();
    worst = Math.max(worst, compare("hidden", ws.output(), out.get("hidden"), top, lengths, batch, failures));
    System.out.printf(java.util.Locale.ROOT, "onnx sample %s: %s (worst error %.3f of tolerance)%n", spec.name(),
        failures.isEmpty() ? "PASS" : "FAIL", worst);
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), spec.name());
  }

  /**
   * Compares rows of {@code width} values, only at real steps when {@code lengths} is given
   * (time-major rows {@code t * batch + b}); returns the worst error as a fraction of the allowance.
   */
  private static double compare(String what, float[] expected, float[] actual, int width, int[] lengths, int batch,
      List<String> failures) {
    assertEquals(expected.length, actual.length, what + " size");
    double max = 0;
    for (float v : expected) {
      max = Math.max(max, Math.abs(v));
    }
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      int row = i / width;
      if (lengths != null && row / batch >= lengths[row % batch]) {
        continue;
      }
      double allowed = ATOL * max + RTOL * Math.abs(expected[i]);
      double ratio = Math.abs((double) actual[i] - expected[i]) / allowed;
      worst = Math.max(worst, ratio);
      if (!(ratio <= 1)) {
        failures.add(what + "[" + i + "]: Unroll " + expected[i] + ", ONNX Runtime " + actual[i]);
      }
    }
    return worst;
  }

  private static List<String> indexedModels() throws Exception {
    Set<String> names = new LinkedHashSet<>();
    for (URL url : Collections.list(SampleModelsOnnxTest.class.getClassLoader().getResources("META-INF/unroll/models"))) {
      try (InputStream in = url.openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            names.add(line.strip());
          }
        }
      }
    }
    return List.copyOf(names);
  }

  private static TrainedModel load(String className) throws Exception {
    Class<?> type = Class.forName(className);
    return TrainedModel.load((RecurrentNetwork) type.getDeclaredConstructor().newInstance(), type);
  }

  private static byte[] resource(TrainedModel model, String name) throws Exception {
    try (InputStream in = model.network().getClass().getResourceAsStream(name)) {
      assertNotNull(in, name + " is not in the model jar beside " + model.network().getClass().getName());
      return in.readAllBytes();
    }
  }

  private static Map<String, float[]> run(byte[] graph, Map<String, OnnxTensor> inputs) throws Exception {
    Map<String, float[]> out = new HashMap<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = ENV.createSession(graph, options); OrtSession.Result result = session.run(inputs)) {
        for (Map.Entry<String, OnnxValue> e : result) {
          FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
          float[] values = new float[buffer.remaining()];
          buffer.get(values);
          out.put(e.getKey(), values);
        }
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
    return out;
  }

  private static OnnxTensor longs(int[] values, long... shape) throws Exception {
    long[] wide = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return OnnxTensor.createTensor(ENV, LongBuffer.wrap(wide), shape);
  }

  private static OnnxTensor floats(float[] values, long... shape) throws Exception {
    return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape);
  }
}
