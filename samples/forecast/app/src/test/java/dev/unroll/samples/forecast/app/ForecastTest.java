package dev.unroll.samples.forecast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged forecaster on the 24 years it never trained on, against the classic baselines. */
class ForecastTest {
  /** The solar cycle: about 11 years. */
  private static final int SEASON = 132;

  @Test
  void beatsTheSeasonalNaiveForecastOn1960To1983() throws Exception {
    SunspotSeries series = SunspotSeries.load();
    Forecaster forecaster = new Forecaster();
    float[] v = series.values();
    int from = series.indexOf(1960);
    double model = 0;
    double seasonal = 0;
    double lastValue = 0;
    for (int i = from; i < v.length; i++) {
      model += Math.abs(forecaster.next(series.window(i, forecaster.window())) - v[i]);
      seasonal += Math.abs(v[i - SEASON] - v[i]);
      lastValue += Math.abs(v[i - 1] - v[i]);
    }
    int n = v.length - from;
    System.out.printf(Locale.ROOT, "sunspots 1960-1983, one month ahead: MAE model %.2f, seasonal naive %.2f,"
        + " last value %.2f%n", model / n, seasonal / n, lastValue / n);
    assertTrue(model < seasonal, "model MAE " + model / n + " should beat the seasonal naive " + seasonal / n);
  }

  @Test
  void drawsTheForecastAsSvg(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("forecast.svg");
    ForecastApp.main(new String[] {svg.toString()});
    String text = Files.readString(svg);
    assertTrue(text.startsWith("<svg"), text);
    assertEquals(2, text.split("<polyline").length - 1, "history and forecast lines");
  }
}
