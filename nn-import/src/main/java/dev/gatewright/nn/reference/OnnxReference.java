package dev.gatewright.nn.reference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * Runs an ONNX/QONNX graph op by op in double precision, as the ONNX and QONNX specifications define each
 * operator: the independent reference an imported network is checked against. It shares no code with the
 * importer (only the protobuf classes that read the file); it folds nothing and knows no fixed point.
 *
 * <p>Supports the operators of MLPs, CNNs and their quantizers: MatMul, Gemm, Conv, MaxPool, GlobalAveragePool,
 * Pad, Add, Sub, Mul, Div, Pow, Sqrt,
 * Neg, BatchNormalization, Relu, Clip, Sign, Sigmoid, Tanh, Softmax, LogSoftmax, ArgMax, TopK, Reshape,
 * Flatten, Transpose, Squeeze, Unsqueeze, Identity, Dropout, Shape, Gather, Concat, Cast, Constant, and
 * QONNX/FINN Quant (IntQuant), BipolarQuant, Trunc and MultiThreshold.
 */
public final class OnnxReference implements ModelReference {

  private final GraphProto graph;
  private final Map<String, RefTensor> initial = new HashMap<>();
  private final List<NodeProto> nodes = new ArrayList<>(); // the nodes that depend on the input
  private final String input;
  private final long[] inputShape;
  private final String scores;
  private final String description;

  private OnnxReference(GraphProto graph, String file) {
    this.graph = graph;
    this.description = "ONNX reference executor (" + file + ")";
    for (TensorProto t : graph.getInitializerList()) {
      initial.put(t.getName(), RefTensor.decode(t));
    }
    ValueInfoProto in = graph.getInputList().stream().filter(v -> !initial.containsKey(v.getName())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the graph has no input"));
    input = in.getName();
    inputShape = in.getType().getTensorType().getShape().getDimList().stream()
        .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : 1).toArray();
    if (inputShape.length > 0) {
      inputShape[0] = 1;
    }
    // nodes on constants alone (weights through their quantizers, shape arithmetic) run once, here
    for (NodeProto n : graph.getNodeList()) {
      boolean constant = n.getInputList().stream().allMatch(name -> name.isEmpty() || initial.containsKey(name));
      if (constant) {
        initial.putAll(execute(n, initial));
      } else {
        nodes.add(n);
      }
    }
    String output = graph.getOutput(0).getName();
    NodeProto last = graph.getNodeList().stream().filter(n -> n.getOutputList().contains(output)).findFirst()
        .orElse(null);
    boolean softmax = last != null && (last.getOpType().equals("Softmax") || last.getOpType().equals("LogSoftmax"));
    scores = softmax ? last.getInput(0) : output;
  }

  public static OnnxReference load(Path file) {
    try {
      return new OnnxReference(ModelProto.parseFrom(Files.readAllBytes(file)).getGraph(),
          String.valueOf(file.getFileName()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The graph's (first) output for one input sample, given flat in row-major order. */
  public double[] infer(double[] values) {
    return run(values).get(graph.getOutput(0).getName()).data();
  }

  /** The graph's output, or the values a final Softmax / LogSoftmax reads. */
  @Override
  public double[] scores(double[] values) {
    return run(values).get(scores).data();
  }

  @Override
  public String description() {
    return description;
  }

  /** Every tensor the graph computes for one input sample (batch 1), by name. */
  public Map<String, RefTensor> run(double[] values) {
    Map<String, RefTensor> env = new HashMap<>(initial);
    env.put(input, new RefTensor(inputShape.length == 0 ? new long[] {values.length} : inputShape, values.clone()));
    for (NodeProto n : nodes) {
      env.putAll(execute(n, env));
    }
    return env;
  }

  private static Map<String, RefTensor> execute(NodeProto n, Map<String, RefTensor> env) {
    List<RefTensor> in = new ArrayList<>();
    for (String name : n.getInputList()) {
      if (name.isEmpty()) {
        in.add(null);
        continue;
      }
      RefTensor t = env.get(name);
      if (t == null) {
        throw new IllegalArgumentException("node " + n.getName() + ": input " + name + " is not computed");
      }
      in.add(t);
    }
    List<RefTensor> out;
    try {
      out = RefOps.apply(n.getOpType(), new Attrs(n), in);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("node " + n.getName() + " (" + n.getOpType() + "): " + e.getMessage(), e);
    }
    Map<String, RefTensor> results = new HashMap<>();
    for (int k = 0; k < out.size() && k < n.getOutputCount(); k++) {
      results.put(n.getOutput(k), out.get(k));
    }
    return results;
  }

  /** Node attributes, read straight from the protobuf. */
  static final class Attrs {
    private final Map<String, AttributeProto> map = new HashMap<>();

    Attrs(NodeProto n) {
      for (AttributeProto a : n.getAttributeList()) {
        map.put(a.getName(), a);
      }
    }

    boolean has(String name) {
      return map.containsKey(name);
    }

    long i(String name, long fallback) {
      AttributeProto a = map.get(name);
      return a == null ? fallback : a.getI();
    }

    double f(String name, double fallback) {
      AttributeProto a = map.get(name);
      return a == null ? fallback : a.getType() == AttributeProto.AttributeType.INT ? a.getI() : a.getF();
    }

    String s(String name, String fallback) {
      AttributeProto a = map.get(name);
      return a == null ? fallback : a.getS().toStringUtf8();
    }

    long[] ints(String name) {
      AttributeProto a = map.get(name);
      return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    RefTensor tensor(String name) {
      AttributeProto a = map.get(name);
      return a == null ? null : RefTensor.decode(a.getT());
    }

    double[] floats(String name) {
      AttributeProto a = map.get(name);
      if (a == null) {
        return null;
      }
      double[] d = new double[a.getFloatsCount()];
      for (int k = 0; k < d.length; k++) {
        d[k] = a.getFloats(k);
      }
      return d;
    }
  }

  /** A tensor of doubles. */
  public record RefTensor(long[] shape, double[] data) {

    int size() {
      return data.length;
    }

    static long count(long[] shape) {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    static RefTensor decode(TensorProto t) {
      long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
      int n = (int) count(shape);
      double[] v = new double[n];
      ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      boolean raw = !t.getRawData().isEmpty();
      for (int k = 0; k < n; k++) {
        v[k] = switch (t.getDataType()) {
          case 1 -> raw ? b.getFloat() : t.getFloatData(k);
          case 11 -> raw ? b.getDouble() : t.getDoubleData(k);
          case 7 -> raw ? b.getLong() : t.getInt64Data(k);
          case 6 -> raw ? b.getInt() : t.getInt32Data(k);
          case 2 -> raw ? Byte.toUnsignedInt(b.get()) : t.getInt32Data(k);
          case 3 -> raw ? b.get() : t.getInt32Data(k);
          case 9 -> (raw ? b.get() : t.getInt32Data(k)) != 0 ? 1 : 0;
          default -> throw new IllegalArgumentException("tensor " + t.getName() + ": data type " + t.getDataType()
              + " is not supported by the reference");
        };
      }
      return new RefTensor(shape, v);
    }
  }
}
