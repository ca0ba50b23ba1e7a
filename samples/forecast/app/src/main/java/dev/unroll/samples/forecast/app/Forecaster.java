package dev.unroll.samples.forecast.app;

import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.forecast.SunspotsNet;
import java.io.IOException;

/** The packaged sunspot model: one-month-ahead forecasts, and longer ones by feeding them back. */
public final class Forecaster {
  private final TrainedModel model = TrainedModel.load(new SunspotsNet(), SunspotsNet.class);

  public Forecaster() throws IOException {}

  /** Months of history the model reads. */
  public int window() {
    return SunspotsNet.STEPS;
  }

  /** Next month's value after {@code history} (at least {@link #window()} values, the latest last). */
  public float next(float[][] history) {
    return model.predict(history)[0];
  }

  /** {@code months} values after the series' end, each forecast fed back as the next input. */
  public float[] forecast(float[] series, int months) {
    int w = window();
    float[][] window = new float[w][1];
    for (int t = 0; t < w; t++) {
      window[t][0] = series[series.length - w + t];
    }
    float[] out = new float[months];
    for (int m = 0; m < months; m++) {
      out[m] = Math.max(0f, next(window));
      System.arraycopy(window, 1, window, 0, w - 1);
      window[w - 1] = new float[] {out[m]};
    }
    return out;
  }
}
