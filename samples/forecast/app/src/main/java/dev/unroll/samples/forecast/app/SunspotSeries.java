package dev.unroll.samples.forecast.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly sunspot numbers 1749-1983 shipped with the app (Zürich series, from Hyndman's Time
 * Series Data Library, citing Andrews and Herzberg, 1985).
 *
 * @param months {@code "YYYY-MM"} of each value
 * @param values sunspot number per month
 */
public record SunspotSeries(List<String> months, float[] values) {

  public static SunspotSeries load() {
    try (InputStream in = SunspotSeries.class.getResourceAsStream("monthly-sunspots.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> months = new ArrayList<>();
      List<Float> values = new ArrayList<>();
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] fields = line.split(",");
        months.add(fields[0].replace("\"", ""));
        values.add(Float.parseFloat(fields[1]));
      }
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i);
      }
      return new SunspotSeries(months, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Index of the first month of {@code year}. */
  public int indexOf(int year) {
    return months.indexOf(year + "-01");
  }

  /** The {@code length} values ending just before index {@code end}, as steps of one feature. */
  public float[][] window(int end, int length) {
    float[][] w = new float[length][1];
    for (int t = 0; t < length; t++) {
      w[t][0] = values[end - length + t];
    }
    return w;
  }
}
