package dev.unroll.samples.melody.app;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Writes a {@link Tune} as a standard MIDI file (type 0, one track) with {@code javax.sound.midi}. */
public final class MidiFiles {
  private MidiFiles() {}

  /** General MIDI program 74 (numbered from 1): flute. */
  static final int FLUTE = 73;
  private static final int VELOCITY = 90;

  /** The tune as a MIDI sequence: tempo, instrument, then each note on and off; rests leave a gap. */
  public static Sequence sequence(Tune tune) {
    try {
      Sequence sequence = new Sequence(Sequence.PPQ, tune.ticksPerQuarter());
      Track track = sequence.createTrack();
      int microsPerQuarter = 60_000_000 / tune.quarterNotesPerMinute();
      byte[] tempo = {(byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8), (byte) microsPerQuarter};
      track.add(new MidiEvent(new MetaMessage(0x51, tempo, 3), 0));
      track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, FLUTE, 0), 0));
      long tick = 0;
      for (Tune.Event e : tune.events()) {
        if (!e.isRest()) {
          track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, e.pitch(), VELOCITY), tick));
          track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, e.pitch(), 0), tick + e.ticks()));
        }
        tick += e.ticks();
      }
      return sequence;
    } catch (InvalidMidiDataException e) {
      throw new IllegalArgumentException("cannot encode the tune as MIDI: " + e.getMessage(), e);
    }
  }

  /** Writes {@link #sequence} to {@code file}. */
  public static void write(Tune tune, Path file) throws IOException {
    MidiSystem.write(sequence(tune), 0, file.toFile());
  }
}
