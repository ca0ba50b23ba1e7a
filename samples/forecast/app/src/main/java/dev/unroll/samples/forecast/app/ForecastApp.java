package dev.unroll.samples.forecast.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Forecasts the 24 months after the series ends (January 1984 on) and writes a plot of the last 20
 * years and the forecast: {@code java ... ForecastApp [output.svg]}.
 */
public final class ForecastApp {
  private ForecastApp() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "sunspot-forecast.svg");
    SunspotSeries series = SunspotSeries.load();
    float[] forecast = new Forecaster().forecast(series.values(), 24);
    float[] recent = Arrays.copyOfRange(series.values(), series.values().length - 240, series.values().length);
    Files.writeString(out, SvgPlot.draw("Monthly sunspot number: 1964-1983 and the next 24 months", recent, forecast,
        series.months().get(series.values().length - 240)));
    StringBuilder line = new StringBuilder("forecast 1984-01 .. 1985-12:");
    for (float v : forecast) {
      line.append(String.format(Locale.ROOT, " %.0f", v));
    }
    System.out.println(line);
    System.out.println("plot: " + out.toAbsolutePath());
  }
}
