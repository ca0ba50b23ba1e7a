package dev.unroll.spark;

import java.util.ArrayList;
import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Conversions between Spark row values (sequences of boxed numbers) and the model's arrays. */
final class RowValues {
  private RowValues() {}

  static int[] ints(List<Object> values, int column) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = values.get(i);
      if (v == null) {
        throw new IllegalArgumentException("column " + column + ": symbol " + i + " is null; a sequence needs a symbol at every step");
      }
      out[i] = ((Number) v).intValue();
    }
    return out;
  }

  static float[][] window(List<Object> steps, int column) {
    float[][] out = new float[steps.size()][];
    for (int t = 0; t < out.length; t++) {
      Object step = steps.get(t);
      if (step == null) {
        throw new IllegalArgumentException("column " + column + ": step " + t + " of a window is null");
      }
      List<?> values = step instanceof List<?> l ? l : CollectionConverters.asJava((scala.collection.Seq<?>) step);
      out[t] = new float[values.size()];
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        if (v == null) {
          throw new IllegalArgumentException("column " + column + ": value " + i + " of step " + t + " is null");
        }
        out[t][i] = ((Number) v).floatValue();
      }
    }
    return out;
  }

  /** An {@code array<float>} value as a row holds it (a Scala sequence). */
  static scala.collection.Seq<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return CollectionConverters.asScala(out);
  }

  /** The most likely class: one for a many-to-one output, one per step (a list) for a many-to-many one. */
  static Object classes(float[] outputs, int width, boolean perStep) {
    if (!perStep) {
      return argmax(outputs, 0, width);
    }
    List<Integer> out = new ArrayList<>(outputs.length / width);
    for (int from = 0; from < outputs.length; from += width) {
      out.add(argmax(outputs, from, width));
    }
    return CollectionConverters.asScala(out);
  }

  private static int argmax(float[] v, int from, int width) {
    int best = 0;
    for (int i = 1; i < width; i++) {
      if (v[from + i] > v[from + best]) {
        best = i;
      }
    }
    return best;
  }
}
