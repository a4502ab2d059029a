package dev.gatewright.nn.imports;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * Small synthetic ONNX graphs for tests: one float input {@code x}, float constants, and nodes either chained on
 * the last output ({@link #then}, {@link #quant(double, int, boolean)}) or wired by name ({@link #op}); the last
 * node made is the graph's output.
 */
final class OnnxGraphBuilder {

  static final String QONNX = "qonnx.custom_op.general";

  private final long[] inputShape;
  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<TensorProto> constants = new ArrayList<>();
  private int counter;
  private String last = "x";

  OnnxGraphBuilder(long... inputShape) {
    this.inputShape = inputShape.clone();
  }

  String constant(long[] shape, double... values) {
    String name = "c" + counter++;
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : shape) {
      t.addDims(d);
    }
    for (double v : values) {
      t.addFloatData((float) v);
    }
    constants.add(t.build());
    return name;
  }

  String longs(long... values) {
    String name = "c" + counter++;
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
        .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    constants.add(t.build());
    return name;
  }

  /** A node of the standard domain on the last output and {@code more} inputs; it becomes the last output. */
  OnnxGraphBuilder then(String op, List<String> more, AttributeProto... attributes) {
    return node(op, "", more, attributes);
  }

  OnnxGraphBuilder node(String op, String domain, List<String> more, AttributeProto... attributes) {
    String out = op + "_" + counter++;
    NodeProto.Builder n = NodeProto.newBuilder().setName(out).setOpType(op).setDomain(domain).addInput(last)
        .addAllInput(more).addOutput(out);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    nodes.add(n.build());
    last = out;
    return this;
  }

  /** A QONNX Quant of the last output with one scale, zero point 0 and round-half-even. */
  OnnxGraphBuilder quant(double scale, int bits, boolean signed) {
    return node("Quant", QONNX, List.of(constant(new long[0], scale), constant(new long[0], 0),
        constant(new long[0], bits)), integer("signed", signed ? 1 : 0), integer("narrow", 0), text("rounding_mode",
        "ROUND"));
  }

  /** A node on the named {@code inputs}; its output, which becomes the last output. */
  String op(String op, List<String> inputs, AttributeProto... attributes) {
    return op(op, "", inputs, attributes);
  }

  String op(String op, String domain, List<String> inputs, AttributeProto... attributes) {
    String out = op + "_" + counter++;
    NodeProto.Builder n = NodeProto.newBuilder().setName(out).setOpType(op).setDomain(domain).addAllInput(inputs)
        .addOutput(out);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    nodes.add(n.build());
    last = out;
    return out;
  }

  /** A QONNX Quant of {@code x} with one scale, zero point 0 and round-half-even; its output. */
  String quant(String x, double scale, int bits, boolean signed) {
    return quant(x, constant(new long[0], scale), 0, bits, signed, false, "ROUND");
  }

  /** A QONNX Quant of {@code x} with a {@code [1, channels]} tensor of scales; its output. */
  String quant(String x, double[] scale, double zero, int bits, boolean signed, boolean narrow, String mode) {
    return quant(x, constant(new long[] {1, scale.length}, scale), zero, bits, signed, narrow, mode);
  }

  private String quant(String x, String scale, double zero, int bits, boolean signed, boolean narrow, String mode) {
    return op("Quant", QONNX, List.of(x, scale, constant(new long[0], zero), constant(new long[0], bits)),
        integer("signed", signed ? 1 : 0), integer("narrow", narrow ? 1 : 0), text("rounding_mode", mode));
  }

  static AttributeProto integer(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  static AttributeProto real(String name, double v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v)
        .build();
  }

  static AttributeProto text(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(v)).build();
  }

  Path save(Path file) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : inputShape) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))
        .build();
    GraphProto graph = GraphProto.newBuilder().setName("synthetic").addAllNode(nodes).addAllInitializer(constants)
        .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
        .addOutput(ValueInfoProto.newBuilder().setName(last)).build();
    ModelProto model = ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
    try {
      Files.write(file, model.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
