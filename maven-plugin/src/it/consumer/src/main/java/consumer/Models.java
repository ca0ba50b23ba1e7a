package consumer;

import demo.CharModelNet;
import demo.ForecastNet;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Uses the models of the dependency jar: loaded from the classpath, beside their classes. */
public final class Models {
  private static final TrainedModel FORECAST = load(new ForecastNet(), ForecastNet.class);
  private static final TrainedModel CHARS = load(new CharModelNet(), CharModelNet.class);

  private Models() {}

  /** The value after {@code window} (one value per step, in the data's units). */
  public static float nextValue(float... window) {
    float[][] steps = new float[window.length][1];
    for (int t = 0; t < window.length; t++) {
      steps[t][0] = window[t];
    }
    return FORECAST.predict(steps)[0];
  }

  /** {@code length} characters continuing {@code prime}. */
  public static String continueText(String prime, int length, long seed) {
    return CHARS.generate(prime, length, 0.8, 0, seed);
  }

  private static TrainedModel load(dev.unroll.runtime.RecurrentNetwork net, Class<?> anchor) {
    try {
      return TrainedModel.load(net, anchor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
