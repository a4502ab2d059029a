package dev.gatewright.nn.imports.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.graph.Graph;
import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorAnnotation;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * Reads an ONNX or QONNX model file into a {@link Graph}: initializers and {@code Constant} nodes become
 * constants, attributes become Java values ({@code Long}, {@code Double}, {@code String}, {@code long[]},
 * {@code double[]}, {@code List<String>}, {@link Tensor}), FINN's {@code finn_datatype} annotations of
 * graph inputs become declared integer types. Nothing is interpreted here.
 */
public final class OnnxReader {

  private static final Pattern INT_TYPE = Pattern.compile("(U?)INT(\\d+)");

  private OnnxReader() {}

  public static Graph read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ImportException.file(file, "cannot read the file: " + e.getMessage());
    }
    ModelProto model;
    try {
      model = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw ImportException.file(file, "not an ONNX model (the protobuf does not parse: " + e.getMessage() + ")");
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getIrVersion() <= 0) {
      throw ImportException.file(file, "not an ONNX model (no IR version or no graph nodes)");
    }
    return graph(file, model.getGraph());
  }

  static Graph graph(Path file, GraphProto g) {
    Map<String, Tensor> constants = new LinkedHashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      try {
        constants.put(t.getName(), OnnxTensors.decode(t));
      } catch (IllegalArgumentException e) {
        throw ImportException.file(file, "initializer \"" + t.getName() + "\": " + e.getMessage());
      }
    }
    Map<String, Graph.IntegerType> declared = declaredTypes(g);
    List<Graph.Input> inputs = new ArrayList<>();
    for (ValueInfoProto v : g.getInputList()) {
      if (!constants.containsKey(v.getName())) {
        inputs.add(new Graph.Input(v.getName(), shape(v), declared.get(v.getName())));
      }
    }
    List<Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int k = 0; k < g.getNodeCount(); k++) {
      NodeProto n = g.getNode(k);
      String name = !n.getName().isEmpty() ? n.getName()
          : n.getOutputCount() > 0 && !n.getOutput(0).isEmpty() ? n.getOutput(0) : n.getOpType() + "_" + k;
      if (!names.add(name)) {
        name = name + "_" + k;
        names.add(name);
      }
      Map<String, Object> attributes = new HashMap<>();
      for (AttributeProto a : n.getAttributeList()) {
        try {
          attributes.put(a.getName(), attribute(a));
        } catch (IllegalArgumentException e) {
          throw new ImportException(file, name, n.getOpType(), "attribute \"" + a.getName() + "\": " + e.getMessage());
        }
      }
      if (n.getOpType().equals("Constant") && isStandard(n.getDomain())) {
        constants.put(n.getOutput(0), constant(file, name, attributes));
        continue;
      }
      nodes.add(new Node(name, n.getOpType(), n.getDomain(), n.getInputList(), n.getOutputList(), attributes, name));
    }
    List<String> outputs = g.getOutputList().stream().map(ValueInfoProto::getName).toList();
    String graphName = g.getName().isEmpty() ? stem(file) : g.getName();
    return new Graph(file, graphName, inputs, outputs, constants, nodes);
  }

  /** Whether a node's domain is the ONNX standard one. */
  public static boolean isStandard(String domain) {
    return domain.isEmpty() || domain.equals("ai.onnx");
  }

  private static Tensor constant(Path file, String node, Map<String, Object> a) {
    Object v = a.containsKey("value") ? a.get("value")
        : a.containsKey("value_float") ? a.get("value_float")
        : a.containsKey("value_int") ? a.get("value_int")
        : a.containsKey("value_floats") ? a.get("value_floats")
        : a.get("value_ints");
    if (v instanceof Tensor t) {
      return t;
    } else if (v instanceof Double d) {
      return Tensor.scalar(d);
    } else if (v instanceof Long l) {
      return Tensor.scalar(l);
    } else if (v instanceof double[] d) {
      return Tensor.vector(d);
    } else if (v instanceof long[] l) {
      double[] d = new double[l.length];
      for (int i = 0; i < l.length; i++) {
        d[i] = l[i];
      }
      return Tensor.vector(d);
    }
    throw new ImportException(file, node, "Constant", "no supported value attribute (value, value_float, value_int,"
        + " value_floats or value_ints)");
  }

  private static Object attribute(AttributeProto a) {
    return switch (a.getType()) {
      case FLOAT -> (double) a.getF();
      case INT -> a.getI();
      case STRING -> a.getS().toStringUtf8();
      case TENSOR -> OnnxTensors.decode(a.getT());
      case FLOATS -> {
        double[] d = new double[a.getFloatsCount()];
        for (int i = 0; i < d.length; i++) {
          d[i] = a.getFloats(i);
        }
        yield d;
      }
      case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
      case STRINGS -> a.getStringsList().stream().map(s -> s.toStringUtf8()).toList();
      default -> throw new IllegalArgumentException("attribute type " + a.getType() + " is not supported");
    };
  }

  private static long[] shape(ValueInfoProto v) {
    if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
      return new long[0];
    }
    List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    return dims.stream().mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
  }

  private static Map<String, Graph.IntegerType> declaredTypes(GraphProto g) {
    Map<String, Graph.IntegerType> types = new HashMap<>();
    for (TensorAnnotation a : g.getQuantizationAnnotationList()) {
      for (StringStringEntryProto e : a.getQuantParameterTensorNamesList()) {
        if (e.getKey().equals("finn_datatype")) {
          Graph.IntegerType type = integerType(e.getValue());
          if (type != null) {
            types.put(a.getTensorName(), type);
          }
        }
      }
    }
    return types;
  }

  /** FINN's integer datatypes: UINTn, INTn, BINARY, BIPOLAR; null for anything else (e.g. FLOAT32). */
  static Graph.IntegerType integerType(String name) {
    Matcher m = INT_TYPE.matcher(name);
    if (m.matches()) {
      int bits = Integer.parseInt(m.group(2));
      if (bits < 1 || bits > 32) {
        return null;
      }
      boolean unsigned = !m.group(1).isEmpty();
      return unsigned ? new Graph.IntegerType(name, 0, (1L << bits) - 1)
          : new Graph.IntegerType(name, -(1L << (bits - 1)), (1L << (bits - 1)) - 1);
    }
    return switch (name) {
      case "BINARY" -> new Graph.IntegerType(name, 0, 1);
      case "BIPOLAR" -> new Graph.IntegerType(name, -1, 1);
      default -> null;
    };
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
