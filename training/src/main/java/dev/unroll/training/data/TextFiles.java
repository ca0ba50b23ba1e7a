package dev.unroll.training.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Strict UTF-8 reading with errors that say where the bad bytes are. */
final class TextFiles {
  private TextFiles() {
  }

  /**
   * The whole file as a string, without a leading byte-order mark.
   *
   * @throws MalformedDataException naming the line if the file is not valid UTF-8
   */
  static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      // The decoder stops at the bad bytes, so its position tells the line.
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new MalformedDataException(file, line, null,
          "not valid UTF-8 (bad byte 0x" + Integer.toHexString(bytes[at] & 0xff)
              + " at byte offset " + at + ")");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The file's lines (element {@code i} is line {@code i + 1}), without line terminators
   * ({@code \n} or {@code \r\n}); a final newline does not start an extra line.
   */
  static List<String> lines(Path file) throws IOException {
    String text = read(file);
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      if (end < 0) {
        end = text.length();
      }
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      lines.add(text.substring(start, end));
      start = next;
    }
    return lines;
  }

  /** A non-blank line split at its first tab: its 1-based number, the field before the tab and the text after it. */
  record TabbedLine(int number, String field, String text) {
  }

  /**
   * The file's non-blank lines, each split at its first tab (the text after it may hold more tabs).
   *
   * @param field the name of the part before the tab, for the error
   * @param layout the line's layout, for the error, e.g. {@code label<TAB>text}
   * @throws MalformedDataException naming the file, line and field for a line without a tab
   */
  static List<TabbedLine> tabbedLines(Path file, String field, String layout) throws IOException {
    List<String> lines = lines(file);
    List<TabbedLine> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new MalformedDataException(file, i + 1, field, "expected " + layout + ", found no tab");
      }
      out.add(new TabbedLine(i + 1, line.substring(0, tab), line.substring(tab + 1)));
    }
    return out;
  }
}
