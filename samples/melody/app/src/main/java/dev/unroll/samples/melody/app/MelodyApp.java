package dev.unroll.samples.melody.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes new tunes with the packaged model, each continuing a header (meter, unit and key) from
 * {@link #HEADERS}: each as ABC ({@code tune-N.abc}) and, when it stays
 * within the ABC subset {@link AbcParser} reads, as a standard MIDI file ({@code tune-N.mid});
 * tunes outside it are skipped with the reason.
 *
 * <p>Usage: {@code MelodyApp [output-directory] [tunes] [temperature]} (defaults {@code target/tunes},
 * 5, 0.8).
 */
public final class MelodyApp {
  private MelodyApp() {}

  /** Headers the tunes start from, one after the other: a jig, a reel, a hornpipe, a minor reel, a 2/4 polka. */
  static final String[] HEADERS = {"M:6/8\nL:1/8\nK:D\n", "M:2/2\nL:1/8\nK:G\n", "M:4/4\nL:1/8\nK:A\n",
      "M:2/2\nL:1/8\nK:Am\n", "M:2/4\nL:1/16\nK:G\n"};

  /** The header prime of tune {@code n} (from 1). */
  static String prime(int n) {
    return "X:" + n + "\n" + HEADERS[(n - 1) % HEADERS.length];
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/tunes");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double temperature = args.length > 2 ? Double.parseDouble(args[2]) : 0.8;
    Files.createDirectories(out);
    Composer composer = new Composer();
    int written = 0;
    for (int n = 1; n <= count; n++) {
      String abc = composer.compose(prime(n), 1200, temperature, n);
      Files.writeString(out.resolve("tune-" + n + ".abc"), abc);
      System.out.println(abc);
      try {
        Tune tune = AbcParser.parse(abc);
        MidiFiles.write(tune, out.resolve("tune-" + n + ".mid"));
        written++;
        System.out.printf(Locale.ROOT, "-> tune-%d.mid: %d notes in %s, key %s (signature of %s major)%n%n", n,
            tune.pitches().length, tune.meter(), tune.key(), tune.key().relativeMajor());
      } catch (AbcException e) {
        System.out.println("-> not converted to MIDI: " + e.getMessage() + "\n");
      }
    }
    System.out.println(written + " of " + count + " tunes written as MIDI to " + out);
  }
}
