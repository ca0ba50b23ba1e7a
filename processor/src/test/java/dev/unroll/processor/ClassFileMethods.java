package dev.unroll.processor;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test support: a minimal class-file reader (JVMS chapter 4) that returns the bytecode length of
 * every method, keyed {@code name + descriptor}. It skips the constant pool except for UTF-8
 * entries, skips fields and every attribute but {@code Code}, and reads {@code code_length}.
 */
final class ClassFileMethods {
  private ClassFileMethods() {}

  /** {@code code_length} of each method that has a {@code Code} attribute, in class-file order. */
  static Map<String, Integer> codeLengths(byte[] classFile) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(classFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("malformed class file", e);
    }
  }

  private static Map<String, Integer> read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file (bad magic)");
    }
    in.readUnsignedShort(); // minor_version
    in.readUnsignedShort(); // major_version
    String[] utf8 = constantPool(in);
    in.readUnsignedShort(); // access_flags
    in.readUnsignedShort(); // this_class
    in.readUnsignedShort(); // super_class
    skip(in, 2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      skip(in, 6); // access_flags, name_index, descriptor_index
      skipAttributes(in);
    }
    Map<String, Integer> lengths = new LinkedHashMap<>();
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      in.readUnsignedShort(); // access_flags
      String name = utf8[in.readUnsignedShort()];
      String descriptor = utf8[in.readUnsignedShort()];
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        if ("Code".equals(attribute)) {
          in.readUnsignedShort(); // max_stack
          in.readUnsignedShort(); // max_locals
          int codeLength = in.readInt();
          lengths.put(name + descriptor, codeLength);
          skip(in, length - 8);
        } else {
          skip(in, length);
        }
      }
    }
    return lengths;
  }

  /** Reads the constant pool, keeping only the UTF-8 entries (indexed as in the pool). */
  private static String[] constantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF(); // Utf8: u2 length + modified UTF-8, exactly readUTF's format
        case 7, 8, 16, 19, 20 -> skip(in, 2); // Class, String, MethodType, Module, Package
        case 15 -> skip(in, 3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
        case 5, 6 -> { // Long, Double take two entries
          skip(in, 8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    return utf8;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort(); // attribute_name_index
      skip(in, in.readInt());
    }
  }

  private static void skip(DataInputStream in, int bytes) throws IOException {
    if (bytes < 0 || in.skipBytes(bytes) != bytes) {
      throw new IOException("truncated class file");
    }
  }
}
