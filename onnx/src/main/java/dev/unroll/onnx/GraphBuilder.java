package dev.unroll.onnx;

import com.google.protobuf.ByteString;
import dev.unroll.onnx.proto.Onnx.AttributeProto;
import dev.unroll.onnx.proto.Onnx.GraphProto;
import dev.unroll.onnx.proto.Onnx.NodeProto;
import dev.unroll.onnx.proto.Onnx.TensorProto;
import dev.unroll.onnx.proto.Onnx.TensorShapeProto;
import dev.unroll.onnx.proto.Onnx.TypeProto;
import dev.unroll.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Assembles one ONNX graph: inputs and outputs with their element types and (partly symbolic)
 * shapes, constant tensors (initializers) and nodes, in the order they are added (which must be
 * topological). Node and value names are checked to be unique, so a wiring mistake fails here
 * rather than as an opaque error in a runtime.
 */
final class GraphBuilder {
  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  static final int INT32 = TensorProto.DataType.INT32_VALUE;
  static final int INT64 = TensorProto.DataType.INT64_VALUE;
  static final int BOOL = TensorProto.DataType.BOOL_VALUE;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> values = new HashSet<>();
  private final String nodePrefix;
  private int nodes;

  GraphBuilder(String name, String doc) {
    this(name, doc, "");
  }

  /** @param nodePrefix starts the name of every node (a subgraph's nodes stay apart from its parent's) */
  GraphBuilder(String name, String doc, String nodePrefix) {
    graph.setName(name).setDocString(doc);
    this.nodePrefix = nodePrefix;
  }

  /**
   * Declares a graph input.
   *
   * @param dims each an Integer (fixed size) or a String (a named dynamic axis such as "batch")
   */
  String input(String name, int elemType, String doc, Object... dims) {
    claim(name);
    graph.addInput(valueInfo(name, elemType, doc, dims));
    return name;
  }

  /** Declares {@code value} (already computed by a node) as a graph output. */
  void output(String value, int elemType, String doc, Object... dims) {
    graph.addOutput(valueInfo(value, elemType, doc, dims));
  }

  /** A float constant of shape {@code dims} (row-major values), stored little-endian in raw_data. */
  String floats(String name, float[] values, long... dims) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalStateException(name + ": " + values.length + " values for shape of " + count);
    }
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    claim(name);
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(FLOAT).addAllDims(boxed(dims))
        .setRawData(ByteString.copyFrom(bytes.array())));
    return name;
  }

  /**
   * The transpose {@code [cols, rows]} of a row-major {@code [rows, cols]} weight as a constant, so
   * that {@code MatMul(v, it)} computes {@code v W^T} (PyTorch's Linear).
   */
  String transposed(String name, float[] weight, int rows, int cols) {
    float[] t = new float[weight.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = weight[i * cols + j];
      }
    }
    return floats(name, t, cols, rows);
  }

  /** A 1-D int64 constant (shapes, axes, indices). */
  String longs(String name, long... values) {
    claim(name);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  /** A scalar (0-dimensional) int64 constant, as Range and Gather with a single index take. */
  String scalar(String name, long value) {
    claim(name);
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(INT64).addInt64Data(value));
    return name;
  }

  /** Starts a node of {@code opType} reading {@code inputs} ("" for an absent optional input). */
  Node node(String opType, String... inputs) {
    return new Node(opType, inputs);
  }

  GraphProto build() {
    return graph.build();
  }

  private void claim(String name) {
    if (!values.add(name)) {
      throw new IllegalStateException("value " + name + " is defined twice in graph " + graph.getName());
    }
  }

  private static Iterable<Long> boxed(long[] dims) {
    java.util.List<Long> out = new java.util.ArrayList<>(dims.length);
    for (long d : dims) {
      out.add(d);
    }
    return out;
  }

  private static ValueInfoProto valueInfo(String name, int elemType, String doc, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Integer size) {
        dim.setDimValue(size);
      } else {
        dim.setDimParam((String) d);
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }

  /** A node being built: attributes, then {@link #outputs} adds it to the graph. */
  final class Node {
    private final NodeProto.Builder node = NodeProto.newBuilder();

    private Node(String opType, String... inputs) {
      node.setOpType(opType);
      // Absent optional inputs at the end are left out; those before a present one stay as "".
      int count = inputs.length;
      while (count > 0 && inputs[count - 1].isEmpty()) {
        count--;
      }
      for (int i = 0; i < count; i++) {
        node.addInput(inputs[i]);
      }
    }

    Node attr(String name, long value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value));
      return this;
    }

    Node attr(String name, float value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value));
      return this;
    }

    Node attr(String name, String value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
          .setS(ByteString.copyFromUtf8(value)));
      return this;
    }

    Node attr(String name, long[] values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      node.addAttribute(a);
      return this;
    }

    /** A subgraph attribute (the body of a Scan). */
    Node attr(String name, GraphProto body) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH)
          .setG(body));
      return this;
    }

    Node attr(String name, String[] values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
      for (String v : values) {
        a.addStrings(ByteString.copyFromUtf8(v));
      }
      node.addAttribute(a);
      return this;
    }

    /** Names the node's outputs ("" for an output not wanted), adds it, and returns the first. */
    String outputs(String... names) {
      for (String out : names) {
        if (!out.isEmpty()) {
          claim(out);
        }
        node.addOutput(out);
      }
      node.setName(nodePrefix + node.getOpType() + "_" + nodes++);
      graph.addNode(node);
      return names[0];
    }
  }
}
