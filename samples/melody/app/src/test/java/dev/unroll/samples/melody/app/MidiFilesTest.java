package dev.unroll.samples.melody.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFilesTest {

  @Test
  void aWrittenFileReadsBackAsTheTunesNotesAtTheirTimes(@TempDir Path dir) throws Exception {
    Tune tune = AbcParser.parse("X:1\nQ:1/4=90\nL:1/8\nK:D\nDF z A2 |\n");
    Path file = dir.resolve("t.mid");
    MidiFiles.write(tune, file);
    Sequence read = MidiSystem.getSequence(file.toFile());
    assertEquals(480, read.getResolution());
    List<long[]> ons = new ArrayList<>();
    List<long[]> offs = new ArrayList<>();
    for (int i = 0; i < read.getTracks()[0].size(); i++) {
      MidiEvent e = read.getTracks()[0].get(i);
      if (e.getMessage() instanceof ShortMessage m) {
        boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
        boolean off = m.getCommand() == ShortMessage.NOTE_OFF || m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0;
        if (on) {
          ons.add(new long[] {m.getData1(), e.getTick()});
        } else if (off) {
          offs.add(new long[] {m.getData1(), e.getTick()});
        }
      }
    }
    // D4 at 0, F#4 at 240, a rest, A4 at 720 for 480 ticks.
    assertArrayEquals(new long[] {62, 0, 66, 240, 69, 720}, ons.stream().flatMapToLong(java.util.Arrays::stream).toArray());
    assertArrayEquals(new long[] {62, 240, 66, 480, 69, 1200}, offs.stream().flatMapToLong(java.util.Arrays::stream).toArray());
    assertEquals(60_000_000 / 90, tempo(read));
  }

  private static int tempo(Sequence s) {
    for (int i = 0; i < s.getTracks()[0].size(); i++) {
      if (s.getTracks()[0].get(i).getMessage() instanceof javax.sound.midi.MetaMessage m && m.getType() == 0x51) {
        byte[] d = m.getData();
        return (d[0] & 0xff) << 16 | (d[1] & 0xff) << 8 | d[2] & 0xff;
      }
    }
    return -1;
  }
}
