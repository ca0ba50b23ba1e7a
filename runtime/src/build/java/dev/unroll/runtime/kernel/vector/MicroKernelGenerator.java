package dev.unroll.runtime.kernel.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code MicroKernels.java}, the register tiles of the Vector API matrix products, from one
 * description per tile ({@link #TILES}). The runtime's build runs it at {@code generate-sources}
 * with the JDK's source launcher: {@code java MicroKernelGenerator.java <outDir>}.
 *
 * <p>Why generate: a tile has to be written out in full, one local per accumulator, since C2 keeps
 * such locals in registers where an array or a loop over vectors would box or spill them; and the
 * shapes differ only in rows, vectors per row, how A and B are read and how the sums start (the
 * way the JDK generates its Vector API classes and BLIS and OpenBLAS their micro-kernels). Every
 * tile is written by the same rules, so its statements, and its bytecode, follow from its
 * description alone: an operand used more than once per k is named once (the vectors of B when
 * there are several rows, the broadcast of A when there are several vectors per row, the row
 * offsets of C when a row has several vectors), anything used once is written where it is used.
 */
final class MicroKernelGenerator {
  private MicroKernelGenerator() {}

  /** How a tile reads A. */
  enum ARead {
    /** A strip packed by {@code VectorPanelGemm.packRows}: the tile's rows of A, adjacent, per k. */
    STRIPS,
    /** {@code A[i][p] = a[a0 + i*ars + p*acs]}, so A or A^T as stored. */
    STRIDED
  }

  /** How far apart B's rows are. */
  enum BRows {
    /** A packed panel: {@code VectorPanelGemm.P} floats. */
    PANEL,
    /** {@code ldb} floats, a parameter. */
    LDB
  }

  /** How the sums start and accumulate. */
  enum Sum {
    /** Loaded from C, one fused multiply-add per k, stored back. */
    FMA_FROM_C,
    /** From zero, a multiply then an add per k (the scalar loop's rounding), added into C at the end. */
    ADD_FROM_ZERO
  }

  /** One tile: {@code C[rows x vectors*L] += A[rows x k] B[k x vectors*L]}, and why it is there. */
  record Tile(int rows, int vectors, ARead a, BRows b, Sum sum, String why) {
    String name() {
      String shape = (rows > 1 ? "ows" : "ow") + rows + "x" + vectors;
      return sum == Sum.FMA_FROM_C ? "r" + shape : "sumR" + shape;
    }
  }

  static final List<Tile> TILES = List.of(
      new Tile(6, 4, ARead.STRIPS, BRows.PANEL, Sum.FMA_FROM_C,
          "The packed products' kernel on 512-bit vectors: 29 of the 32 vector registers of AVX-512 (the"
              + " shape OpenBLAS uses there)."),
      new Tile(6, 2, ARead.STRIPS, BRows.PANEL, Sum.FMA_FROM_C,
          "Half a panel ({@code b0} its first column): 15 registers, the shape for 16-register machines."),
      new Tile(4, 4, ARead.STRIDED, BRows.PANEL, Sum.FMA_FROM_C,
          "A whole panel for four rows of A (the rows past the last strip): half a load per FMA, where"
              + " {@link #rows4x2} needs three quarters."),
      new Tile(4, 2, ARead.STRIDED, BRows.LDB, Sum.FMA_FROM_C,
          "Why 4 rows and not 8: C2 stops inlining a method once its graph passes a node budget and"
              + " leaves the remaining Vector API calls for late inlining, where the species of their vectors"
              + " is no longer a constant; those calls then run the Java fallbacks and box every vector (tens"
              + " of megabytes per training step, in about half of the JVM runs, depending on profiles). An 8"
              + " x 2 kernel sat at that budget; 4 x 2, with C loaded into the accumulators (no separate add),"
              + " needs about half as many calls. Same reason for reading A through a broadcast per row: one"
              + " call each."),
      new Tile(4, 1, ARead.STRIDED, BRows.LDB, Sum.FMA_FROM_C, "The blocked product's last vector of columns."),
      new Tile(1, 4, ARead.STRIDED, BRows.LDB, Sum.FMA_FROM_C,
          "Four independent FMA chains hide the FMA latency (streaming). Each accumulator starts from its"
              + " own load of C (as in {@link #rows4x2}): four accumulators started from one shared zero"
              + " vector made C2 box them in every JVM run."),
      new Tile(1, 1, ARead.STRIDED, BRows.LDB, Sum.FMA_FROM_C,
          "One FMA chain (the narrow edges, the streaming head's last groups)."),
      new Tile(4, 2, ARead.STRIDED, BRows.LDB, Sum.ADD_FROM_ZERO, "The edge product's kernel."),
      new Tile(4, 1, ARead.STRIDED, BRows.LDB, Sum.ADD_FROM_ZERO, "The edge product's last vector of columns."),
      new Tile(1, 2, ARead.STRIDED, BRows.LDB, Sum.ADD_FROM_ZERO,
          "Also one column of C for 2L rows of an A read transposed, as a row of {@code C^T = B^T A^T}."),
      new Tile(1, 1, ARead.STRIDED, BRows.LDB, Sum.ADD_FROM_ZERO, "The edge product's single rows."));

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0], "dev/unroll/runtime/kernel/vector/MicroKernels.java");
    String text = source();
    // rewritten only when it changes, so that an up-to-date build does not recompile the runtime
    if (!Files.exists(file) || !Files.readString(file).equals(text)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }
  }

  static String source() {
    StringBuilder s = new StringBuilder();
    s.append("package dev.unroll.runtime.kernel.vector;\n\n");
    s.append("import jdk.incubator.vector.FloatVector;\n");
    s.append("import jdk.incubator.vector.VectorSpecies;\n\n");
    javadoc(s, "", "The register tiles (micro-kernels) of the Vector API matrix products: generated at build time by"
        + " {@code runtime/src/build/java/dev/unroll/runtime/kernel/vector/MicroKernelGenerator.java} from one"
        + " description per tile. Do not edit: change the description there. The products that block, pack"
        + " and dispatch to these tiles are {@link VectorGemm}, {@link VectorPanelGemm}, {@link VectorPackedGemm}"
        + " and {@link VectorEdgeGemm}.");
    s.append("final class MicroKernels {\n");
    s.append("  private MicroKernels() {}\n\n");
    s.append("  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;\n");
    s.append("  private static final int L = S.length();\n");
    Set<String> names = new HashSet<>();
    for (Tile t : TILES) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two tiles named " + t.name());
      }
      if (t.rows == 1 && t.a == ARead.STRIPS) {
        throw new IllegalArgumentException(t.name() + ": a strip of A has the tile's rows; one row is read as stored");
      }
      s.append('\n');
      tile(s, t);
    }
    return s.append("}\n").toString();
  }

  private static void tile(StringBuilder s, Tile t) {
    javadoc(s, "  ", summary(t) + "\n" + t.why);
    String head = "  static void " + t.name() + "(int k, float[] a, int a0"
        + (t.a == ARead.STRIDED ? (t.rows > 1 ? ", int ars" : "") + ", int acs" : "") + ", float[] b, int b0"
        + (t.b == BRows.LDB ? ", int ldb" : "");
    String tail = "float[] c, int c0" + (t.rows > 1 ? ", int ldc" : "") + ") {";
    s.append(head).append(head.length() + tail.length() > 108 ? ",\n      " : ", ").append(tail).append('\n');
    if (t.sum == Sum.FMA_FROM_C) {
      rowOffsets(s, t);
      forEach(s, t, (r, v) -> "FloatVector " + acc(t, r, v) + " = FloatVector.fromArray(S, c, " + c(t, r, v) + ");");
      kLoop(s, t);
      forEach(s, t, (r, v) -> acc(t, r, v) + ".intoArray(c, " + c(t, r, v) + ");");
    } else {
      forEach(s, t, (r, v) -> "FloatVector " + acc(t, r, v) + " = FloatVector.zero(S);");
      kLoop(s, t);
      rowOffsets(s, t);
      forEach(s, t, (r, v) -> "FloatVector.fromArray(S, c, " + c(t, r, v) + ").add(" + acc(t, r, v)
          + ").intoArray(c, " + c(t, r, v) + ");");
    }
    s.append("  }\n");
  }

  /** The first paragraph of a tile's Javadoc: what it computes and how, from its description. */
  private static String summary(Tile t) {
    String width = t.vectors == 1 ? "L" : t.vectors + "L";
    String a = t.a == ARead.STRIPS
        ? "A packed in strips by {@link VectorPanelGemm#packRows} (" + t.rows + " floats per k)"
        : t.rows > 1 ? "{@code A[i][p] = a[a0 + i*ars + p*acs]} (so A or A^T)" : "{@code A[0][p] = a[a0 + p*acs]}";
    String b = t.b == BRows.PANEL ? "{@link VectorPanelGemm#P}" : "{@code ldb}";
    int accumulators = t.rows * t.vectors;
    String each = accumulators > 1 ? ", each " : ", ";
    String sum = t.sum == Sum.FMA_FROM_C
        ? " loaded from C" + each + "updated by one FMA per k"
        : " from zero" + each + "updated by a multiply then an add per k (never FMA: the scalar loop's rounding"
            + " lane by lane) and added into C at the end";
    return "{@code C[" + t.rows + " x " + width + "] += " + (t.sum == Sum.FMA_FROM_C ? "" : "sums of ") + "A["
        + t.rows + " x k] B[k x " + width + "]} with " + a + " and B's rows " + b + " apart: "
        + count(accumulators, "accumulator") + sum + "; " + count(t.vectors, "load") + " of B and "
        + count(t.rows, "broadcast") + " of A per k.";
  }

  /**
   * The loop over k. An operand used more than once per k is named: the vectors of B, loaded first,
   * when there are several rows; the broadcast of A when a row has several vectors.
   */
  private static void kLoop(StringBuilder s, Tile t) {
    s.append("    for (int p = 0; p < k; p++) {\n");
    String stride = t.b == BRows.PANEL ? "VectorPanelGemm.P" : "ldb";
    String bRow = t.vectors > 1 ? "bp" : "b0 + p * " + stride;
    if (t.rows > 1) {
      if (t.vectors > 1) {
        step(s, "int bp = b0 + p * " + stride + ";");
      }
      for (int v = 0; v < t.vectors; v++) {
        step(s, "FloatVector v" + v + " = FloatVector.fromArray(S, b, " + plus(bRow, v, "L") + ");");
      }
      step(s, "int ap = a0 + p * " + (t.a == ARead.STRIPS ? t.rows : "acs") + ";");
      for (int r = 0; r < t.rows; r++) {
        String element = t.a == ARead.STRIPS ? (r == 0 ? "ap" : "ap + " + r) : plus("ap", r, "ars");
        String x = "FloatVector.broadcast(S, a[" + element + "])";
        if (t.vectors > 1) {
          step(s, (r == 0 ? "FloatVector x = " : "x = ") + x + ";");
          x = "x";
        }
        for (int v = 0; v < t.vectors; v++) {
          step(s, update(t, r, v, x, "v" + v));
        }
      }
    } else {
      String x = "FloatVector.broadcast(S, a[a0 + p * acs])";
      if (t.vectors > 1) {
        step(s, "FloatVector x = " + x + ";");
        step(s, "int bp = b0 + p * " + stride + ";");
        x = "x";
      }
      for (int v = 0; v < t.vectors; v++) {
        step(s, update(t, 0, v, x, "FloatVector.fromArray(S, b, " + plus(bRow, v, "L") + ")"));
      }
    }
    s.append("    }\n");
  }

  /** One step of the accumulator of row r, vector v: {@code x} the broadcast of A, {@code bv} the vector of B. */
  private static String update(Tile t, int r, int v, String x, String bv) {
    String acc = acc(t, r, v);
    return t.sum == Sum.FMA_FROM_C
        ? acc + " = " + bv + ".fma(" + x + ", " + acc + ");"
        : acc + " = " + acc + ".add(" + bv + ".mul(" + x + "));";
  }

  private static String acc(Tile t, int r, int v) {
    return (t.sum == Sum.FMA_FROM_C ? "c" : "s") + r + v;
  }

  /** Where row r, vector v of C starts: from a named row offset when the row has several vectors. */
  private static String c(Tile t, int r, int v) {
    return t.vectors > 1 ? plus(r == 0 ? "c0" : "r" + r, v, "L") : plus("c0", r, "ldc");
  }

  /** {@code int r1 = c0 + ldc; ...}: named where each row of C has several vectors. */
  private static void rowOffsets(StringBuilder s, Tile t) {
    if (t.vectors > 1) {
      for (int r = 1; r < t.rows; r++) {
        line(s, "int r" + r + " = " + plus("c0", r, "ldc") + ";");
      }
    }
  }

  /** {@code base}, {@code base + unit} or {@code base + times * unit}. */
  private static String plus(String base, int times, String unit) {
    return times == 0 ? base : times == 1 ? base + " + " + unit : base + " + " + times + " * " + unit;
  }

  /** The statement for the accumulator of row r, vector v. */
  private interface Statement {
    String at(int r, int v);
  }

  /** A statement per accumulator, row by row. */
  private static void forEach(StringBuilder s, Tile t, Statement statement) {
    for (int r = 0; r < t.rows; r++) {
      for (int v = 0; v < t.vectors; v++) {
        line(s, statement.at(r, v));
      }
    }
  }

  /** A statement of the method's body. */
  private static void line(StringBuilder s, String statement) {
    s.append("    ").append(statement).append('\n');
  }

  /** A statement of the k loop's body. */
  private static void step(StringBuilder s, String statement) {
    s.append("      ").append(statement).append('\n');
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A Javadoc comment of {@code text} (paragraphs split at newlines), wrapped at 100 columns. */
  private static void javadoc(StringBuilder s, String indent, String text) {
    s.append(indent).append("/**\n");
    String[] paragraphs = text.split("\n");
    for (int i = 0; i < paragraphs.length; i++) {
      StringBuilder line = new StringBuilder(indent + " *");
      if (i > 0) {
        s.append(indent).append(" *\n");
      }
      // words, with each {@code ...} or {@link ...} kept whole on one line
      Matcher words = Pattern.compile("\\S*\\{@[^}]*}\\S*|\\S+").matcher((i > 0 ? "<p>" : "") + paragraphs[i]);
      while (words.find()) {
        String word = words.group();
        if (line.length() + 1 + word.length() > 100 && !line.toString().endsWith("*")) {
          s.append(line).append('\n');
          line = new StringBuilder(indent + " *");
        }
        line.append(' ').append(word);
      }
      s.append(line).append('\n');
    }
    s.append(indent).append(" */\n");
  }
}
