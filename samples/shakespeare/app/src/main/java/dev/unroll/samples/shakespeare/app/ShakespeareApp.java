package dev.unroll.samples.shakespeare.app;

import java.io.IOException;

/** Prints 300 characters after "ROMEO:" at temperatures 0.5 and 1.0 (seed 1). */
public final class ShakespeareApp {
  private ShakespeareApp() {}

  public static void main(String[] args) throws IOException {
    Playwright playwright = new Playwright();
    for (double temperature : new double[] {0.5, 1.0}) {
      System.out.println("---- temperature " + temperature + " ----");
      System.out.println("ROMEO:" + playwright.write("ROMEO:", 300, temperature, 1));
    }
  }
}
