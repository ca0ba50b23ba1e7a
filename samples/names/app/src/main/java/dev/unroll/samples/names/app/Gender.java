package dev.unroll.samples.names.app;

import java.util.Arrays;

/** Which list a name comes from, and the one-hot feature vector the conditioned model reads for it. */
public enum Gender {
  FEMALE(new float[] {1f, 0f}),
  MALE(new float[] {0f, 1f});

  private final float[] features;

  Gender(float[] features) {
    this.features = features;
  }

  /** The one-hot condition: (1, 0) for female names, (0, 1) for male names (a new array). */
  public float[] features() {
    return features.clone();
  }

  /** The gender whose one-hot vector this is, or {@code null} for any other vector. */
  static Gender of(float[] features) {
    for (Gender gender : values()) {
      if (Arrays.equals(gender.features, features)) {
        return gender;
      }
    }
    return null;
  }
}
