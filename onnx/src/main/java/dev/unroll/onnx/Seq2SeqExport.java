package dev.unroll.onnx;

import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes an encoder-decoder as two ONNX models between which a caller runs greedy or beam search:
 * {@code <Name>.encoder.onnx} (source to encoder states, source mask and the decoder's initial
 * states) and {@code <Name>.decoder.onnx} (one decoder step: previous symbol and states to logits,
 * next states and attention weights). Opset {@value OnnxExport#OPSET}, dynamic {@code batch} and
 * {@code source_steps} axes; the inputs and outputs are described in the README ("Interchange").
 *
 * <p>The parameters are read by their PyTorch names (reference/FORMAT-v2.md), so any holder of an
 * encoder-decoder's weights can be exported: the network's layout, or a safetensors file. Both
 * models are built in memory before either file is written, and each file is written atomically.
 */
public final class Seq2SeqExport {
  private Seq2SeqExport() {}

  /** {@code <Name>.encoder.onnx}. */
  public static String encoderFileName(String name) {
    return name + ".encoder.onnx";
  }

  /** {@code <Name>.decoder.onnx}. */
  public static String decoderFileName(String name) {
    return name + ".decoder.onnx";
  }

  /**
   * The serialized encoder model.
   *
   * @param parameters each parameter's values ({@code [rows, cols]} row-major) by its PyTorch name
   * @throws OnnxExportException if a parameter is missing or not finite, or one of the encoder's
   *     parameters is not used (a part this exporter does not know)
   */
  public static byte[] encoderModel(Seq2SeqSpec spec, Function<String, float[]> parameters) {
    return OnnxExport.model(Seq2SeqGraphs.encoder(spec, parameters(spec, parameters)), metadata(spec, "encoder"))
        .toByteArray();
  }

  /** The serialized decoder step model; see {@link #encoderModel}. */
  public static byte[] decoderStepModel(Seq2SeqSpec spec, Function<String, float[]> parameters) {
    return OnnxExport.model(Seq2SeqGraphs.decoderStep(spec, parameters(spec, parameters)),
        metadata(spec, "decoder_step")).toByteArray();
  }

  /** The parameters of a flat array laid out as {@code layout} (an encoder-decoder network's). */
  public static Function<String, float[]> parametersOf(ParameterLayout layout, float[] values) {
    return name -> layout.copyOf(values, name);
  }

  /**
   * Writes {@code <Name>.encoder.onnx} and {@code <Name>.decoder.onnx} into {@code directory}
   * (created if missing).
   *
   * @return the files written
   */
  public static List<Path> write(Seq2SeqSpec spec, Function<String, float[]> parameters, Path directory)
      throws IOException {
    byte[] encoder = encoderModel(spec, parameters);
    byte[] decoder = decoderStepModel(spec, parameters);
    Files.createDirectories(directory);
    Path encoderFile = directory.resolve(encoderFileName(spec.name()));
    Path decoderFile = directory.resolve(decoderFileName(spec.name()));
    OnnxExport.write(encoderFile, encoder);
    OnnxExport.write(decoderFile, decoder);
    return List.of(encoderFile, decoderFile);
  }

  private static Parameters parameters(Seq2SeqSpec spec, Function<String, float[]> values) {
    return new Parameters(spec.name(), spec.parameters().stream().map(Seq2SeqSpec.Tensor::name).toList(), values);
  }

  /** {@code unroll.model}, {@code unroll.graph} and {@code unroll.architecture} (JSON). */
  private static Map<String, String> metadata(Seq2SeqSpec spec, String graph) {
    Map<String, Object> architecture = new LinkedHashMap<>();
    architecture.put("kind", "seq2seq");
    architecture.put("source_size", spec.sourceSize());
    architecture.put("source_one_hot", spec.sourceOneHot());
    architecture.put("encoder", stack(spec.encoder()));
    architecture.put("decoder", stack(spec.decoder()));
    architecture.put("vocabulary", spec.vocabulary());
    architecture.put("attention", spec.attention().name().toLowerCase(java.util.Locale.ROOT));
    architecture.put("attention_size", spec.attentionSize());
    architecture.put("output_size", spec.outputSize());
    architecture.put("start_symbol", 0);
    Map<String, String> out = new LinkedHashMap<>();
    out.put(ExportMetadata.MODEL, spec.name());
    out.put(ExportMetadata.GRAPH, graph);
    out.put(ExportMetadata.ARCHITECTURE, Json.write(architecture));
    return out;
  }

  private static Map<String, Object> stack(List<LayerSpec> layers) {
    LayerSpec first = layers.get(0);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell", first.cell().name());
    m.put("units", first.units());
    m.put("layers", layers.size());
    m.put("bidirectional", first.bidirectional());
    m.put("layer_norm", first.layerNorm());
    return m;
  }
}
