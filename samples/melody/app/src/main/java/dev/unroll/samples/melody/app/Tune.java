package dev.unroll.samples.melody.app;

import java.util.List;

/**
 * A parsed monophonic tune.
 *
 * @param title the {@code T:} field, or {@code ""}
 * @param meter the {@code M:} field, e.g. {@code 6/8}
 * @param key the {@code K:} field
 * @param ticksPerQuarter MIDI resolution the durations are in
 * @param quarterNotesPerMinute tempo from {@code Q:} (default 120)
 * @param events notes and rests in order
 */
public record Tune(String title, String meter, KeySignature key, int ticksPerQuarter, int quarterNotesPerMinute,
    List<Event> events) {

  /**
   * One note or rest.
   *
   * @param pitch MIDI note number (middle C, ABC's {@code C}, is 60), or {@link #REST}
   * @param ticks duration
   */
  public record Event(int pitch, int ticks) {
    public static final int REST = -1;

    public boolean isRest() {
      return pitch == REST;
    }
  }

  /** The notes' pitches, rests left out. */
  public int[] pitches() {
    return events.stream().filter(e -> !e.isRest()).mapToInt(Event::pitch).toArray();
  }

  /** The durations in ticks, rests included. */
  public int[] durations() {
    return events.stream().mapToInt(Event::ticks).toArray();
  }
}
