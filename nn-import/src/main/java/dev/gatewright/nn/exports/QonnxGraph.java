package dev.gatewright.nn.exports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorAnnotation;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * An ONNX graph being written: nodes in order, constants as initializers (float32 where every value is an
 * exact float, else float64), fresh tensor names, and QONNX's {@code Quant} node.
 */
final class QonnxGraph {

  static final String QONNX_DOMAIN = "qonnx.custom_op.general";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> nodeNames = new HashSet<>();
  private int counter;

  QonnxGraph(String name) {
    graph.setName(name);
  }

  /** A fresh tensor or node name starting with {@code stem}. */
  String fresh(String stem) {
    return stem + "_" + counter++;
  }

  /** {@code preferred} (a layer's name, which the importer gives the layer it reads back) unless taken. */
  private String nodeName(String preferred) {
    String name = nodeNames.contains(preferred) ? fresh(preferred) : preferred;
    nodeNames.add(name);
    return name;
  }

  /** A float input of shape (1, size); {@code finnDatatype} (e.g. UINT8) declares integer values, or null. */
  void input(String name, int size, String finnDatatype) {
    graph.addInput(value(name, size));
    if (finnDatatype != null) {
      graph.addQuantizationAnnotation(TensorAnnotation.newBuilder().setTensorName(name)
          .addQuantParameterTensorNames(StringStringEntryProto.newBuilder().setKey("finn_datatype")
              .setValue(finnDatatype)));
    }
  }

  void output(String name, int size) {
    graph.addOutput(value(name, size));
  }

  private static ValueInfoProto value(String name, int size) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size));
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
  }

  /** A constant tensor of {@code shape} (row-major values); returns its name. */
  String constant(String stem, long[] shape, double[] values) {
    String name = fresh(stem);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name);
    for (long d : shape) {
      t.addDims(d);
    }
    boolean exactFloats = true;
    for (double v : values) {
      exactFloats &= (double) (float) v == v;
    }
    if (exactFloats) {
      t.setDataType(TensorProto.DataType.FLOAT_VALUE);
      for (double v : values) {
        t.addFloatData((float) v);
      }
    } else {
      t.setDataType(TensorProto.DataType.DOUBLE_VALUE);
      for (double v : values) {
        t.addDoubleData(v);
      }
    }
    graph.addInitializer(t);
    return name;
  }

  String scalar(String stem, double value) {
    return constant(stem, new long[0], new double[] {value});
  }

  /** A standard ONNX node named {@code stem} (or a fresh name) with one output; returns the output's name. */
  String node(String op, String stem, List<AttributeProto> attributes, String... inputs) {
    return node(op, "", stem, attributes, inputs);
  }

  private String node(String op, String domain, String stem, List<AttributeProto> attributes, String... inputs) {
    String out = fresh(stem);
    NodeProto.Builder n = NodeProto.newBuilder().setName(nodeName(stem)).setOpType(op).setDomain(domain).addOutput(out);
    for (String in : inputs) {
      n.addInput(in);
    }
    n.addAllAttribute(attributes);
    graph.addNode(n);
    return out;
  }

  /**
   * QONNX {@code Quant}: {@code scale · clamp(round(x / scale), min, max)} over {@code bits}-bit integers, signed
   * or not, {@code narrow} dropping the most negative, rounding as {@code roundingMode}.
   */
  String quant(String x, String stem, double scale, int bits, boolean signed, boolean narrow, String roundingMode) {
    return node("Quant", QONNX_DOMAIN, stem, List.of(integer("signed", signed ? 1 : 0), integer("narrow", narrow ? 1 : 0),
        string("rounding_mode", roundingMode)), x, scalar(stem + "_scale", scale), scalar(stem + "_zeropt", 0),
        scalar(stem + "_bitwidth", bits));
  }

  /**
   * FINN's {@code MultiThreshold}: per channel, how many of its thresholds (a row of the matrix) x reaches,
   * times {@code outScale} plus {@code outBias}.
   */
  String multiThreshold(String x, String stem, String thresholds, double outScale, double outBias) {
    return node("MultiThreshold", QONNX_DOMAIN, stem, List.of(real("out_scale", outScale), real("out_bias", outBias)),
        x, thresholds);
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto real(String name, double value) {
    if ((double) (float) value != value) {
      throw new ExportException(name + " = " + value + " is not exact as a float attribute");
    }
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value)
        .build();
  }

  static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
  }

  GraphProto build() {
    return graph.build();
  }
}
