package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.ImportedModel;
import dev.gatewright.nn.OutputDecoding;
import dev.gatewright.nn.imports.PrecisionConfig;
import dev.gatewright.nn.imports.graph.Graph;
import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model graph into an integer {@link Network} that computes exactly what the model computes
 * (FINN-style streamlining), walking the graph once in order:
 * <ul>
 *   <li>constant sub-graphs (weights through their Quant nodes, shape computations) are evaluated;</li>
 *   <li>element-wise affine steps (Add, Sub, Mul, Div by constants, BatchNormalization) and monotone
 *       functions (Relu, Clip, Sigmoid, Tanh) are collected per element, exactly, as {@link Chain}s;</li>
 *   <li>a matrix product (MatMul, Gemm) whose weights, times the input's scales, are integers of at most
 *       16 bits times one scale per output becomes a dense layer with integer weights; the scales and offsets
 *       that follow fold into its weight type, its bias or are carried on;</li>
 *   <li>a convolution (Conv) is a pending product over a window ({@link SpatialOps}); feature maps stream
 *       channels-last, and the flow records where each element of the model's NCHW tensor sits in the network
 *       ({@link Flow#order()}), so Transposes move nothing and a flattened map's matrix product reorders its
 *       weight rows instead;</li>
 *   <li>a quantizer (Quant, BipolarQuant, Trunc, MultiThreshold, Sign) becomes a fixed-point
 *       requantization of the layer before it when the scales are powers of two, and otherwise a
 *       {@link dev.gatewright.nn.Thresholds} layer whose integer thresholds are found exactly;</li>
 *   <li>float parts (float inputs, float weights, results with no quantizer after them) take their
 *       precision from the {@link PrecisionConfig}, hls4ml-style, and are noted as approximations.</li>
 * </ul>
 * What cannot be computed exactly is refused with the node, its operator and the reason.
 */
public final class Streamliner {

  private final Graph graph;
  private final PrecisionConfig precision;
  private final Map<String, Tensor> constants;
  private final Map<String, Flow> flows = new HashMap<>();
  private final Map<String, String> consumedBy = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final LayerBuilder layers;
  private final Ops ops;
  private String inputName;
  private boolean finished; // an ArgMax/TopK or a dropped Softmax ended the computation
  private String finishedBy;

  private Streamliner(Graph graph, PrecisionConfig precision) {
    this.graph = graph;
    this.precision = precision;
    this.constants = new HashMap<>(graph.constants());
    this.layers = new LayerBuilder(networkName(graph), precision, notes);
    this.ops = new Ops(this);
  }

  /** The model file's name without its extension (graph names are often an exporter's, e.g. tf2onnx). */
  private static String networkName(Graph graph) {
    if (graph.file() == null) {
      return graph.name();
    }
    String n = graph.file().getFileName().toString();
    int dot = n.indexOf('.');
    return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_]", "_");
  }

  public static ImportedModel run(Graph graph, PrecisionConfig precision) {
    return new Streamliner(graph, precision).run();
  }

  private ImportedModel run() {
    for (Node node : graph.nodes()) {
      boolean standard = dev.gatewright.nn.imports.onnx.OnnxReader.isStandard(node.domain());
      if (!(standard ? Ops.STANDARD : Ops.CUSTOM).contains(node.opType())) {
        throw error(node, "unsupported operator" + (standard ? "" : " of domain " + node.domain())
            + "; gatewright imports MLPs and CNNs: MatMul, Gemm, Conv, MaxPool, GlobalAveragePool, Pad, Add, Sub, Mul, Div, BatchNormalization, Relu, Clip, Sign,"
            + " Sigmoid, Tanh, Softmax, ArgMax, TopK, shape operators, and QONNX/FINN Quant, BipolarQuant, Trunc,"
            + " MultiThreshold");
      }
    }
    checkPrecisionNames();
    start();
    for (Node node : graph.nodes()) {
      try {
        visit(node);
      } catch (ImportException e) {
        throw e;
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw error(node, e.getMessage());
      }
    }
    if (graph.outputs().size() != 1) {
      throw ImportException.file(graph.file(), "the model has " + graph.outputs().size() + " outputs "
          + graph.outputs() + "; gatewright networks have one");
    }
    String out = graph.outputs().get(0);
    Flow flow = flows.get(out);
    if (flow == null) {
      throw ImportException.file(graph.file(), "the output " + out + " is "
          + (constants.containsKey(out) ? "a constant" : "not computed by any node"));
    }
    OutputDecoding decoding;
    try {
      decoding = finishOutput(flow);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ImportException.file(graph.file(), "output " + out + ": " + e.getMessage());
    }
    Network network = layers.network().inputEncoding(layers.input()).outputDecoding(decoding).build();
    return new ImportedModel(graph.file(), network, notes);
  }

  private void checkPrecisionNames() {
    Set<String> known = new HashSet<>();
    graph.inputs().forEach(i -> known.add(i.name()));
    graph.nodes().forEach(n -> known.add(n.layer()));
    for (String name : precision.layerNames()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException((precision.file() == null ? "" : precision.file() + ": ")
            + "$.HLSConfig.LayerName." + name + ": the model has no layer or input named " + name
            + " (it has: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
  }

  private void start() {
    if (graph.inputs().size() != 1) {
      throw ImportException.file(graph.file(), "the model has " + graph.inputs().size() + " inputs; gatewright"
          + " networks have one");
    }
    Graph.Input in = graph.inputs().get(0);
    inputName = in.name();
    long[] shape = in.shape();
    if (shape.length == 0) {
      throw ImportException.file(graph.file(), "input " + in.name() + " has no known shape");
    }
    if (shape.length == 1) {
      shape = new long[] {1, shape[0]};
    }
    shape[0] = 1; // the batch
    for (int d = 1; d < shape.length; d++) {
      if (shape[d] < 1) {
        throw ImportException.file(graph.file(), "input " + in.name() + " has an unknown dimension "
            + d + " in " + Arrays.toString(in.shape()));
      }
    }
    int size = Flow.elements(shape);
    Chain[] identity = LayerBuilder.identities(size);
    if (in.declaredType() != null) {
      layers.startIntegers(size, in.declaredType().min(), in.declaredType().max());
      notes.add("input " + in.name() + ": declared " + in.declaredType().name() + ", taken as raw "
          + layers.type());
      flows.put(in.name(), new Flow(shape, Flow.Stage.LAYER, identity, null, true));
    } else {
      flows.put(in.name(), new Flow(shape, Flow.Stage.HOST, identity, null, true));
    }
  }

  private void visit(Node node) {
    List<Integer> dynamic = new ArrayList<>();
    for (int k = 0; k < node.inputs().size(); k++) {
      String name = node.inputs().get(k);
      if (name.isEmpty()) {
        continue;
      }
      if (flows.containsKey(name)) {
        dynamic.add(k);
      } else if (!constants.containsKey(name)) {
        throw error(node, "input \"" + name + "\" is neither a constant nor computed before this node");
      }
    }
    if (dynamic.isEmpty()) {
      ConstantFolding.evaluate(node, constants, this);
      return;
    }
    if (node.opType().equals("Shape")) {
      long[] shape = flows.get(node.input(0)).shape();
      double[] d = new double[shape.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = shape[i];
      }
      constants.put(node.output(), Tensor.vector(d));
      return;
    }
    if (dynamic.size() > 1) {
      throw error(node, "two computed inputs (" + node.inputs() + "); gatewright imports chains of layers,"
          + " where every operation combines the one computed value with constants");
    }
    if (finished) {
      throw error(node, "comes after " + finishedBy + ", which must be the model's last operation");
    }
    String in = node.inputs().get(dynamic.get(0));
    String previous = consumedBy.putIfAbsent(in, node.name());
    if (previous != null) {
      throw error(node, "the graph branches: \"" + in + "\" is used by " + previous + " and by this node;"
          + " gatewright imports chains of layers");
    }
    Flow result = ops.apply(node, flows.get(in), dynamic.get(0));
    if (result != null) {
      flows.put(node.output(), result);
    }
  }

  // ------------------------------------------------------------------ services for Ops

  Tensor constant(Node node, int index) {
    String name = node.input(index);
    Tensor t = constants.get(name);
    if (t == null) {
      throw error(node, name.isEmpty() ? "input " + index + " is missing"
          : "input " + index + " (\"" + name + "\") must be a constant");
    }
    return t;
  }

  boolean hasInput(Node node, int index) {
    return !node.input(index).isEmpty();
  }

  void putFlow(String name, Flow flow) {
    flows.put(name, flow);
  }

  void finish(Node node) {
    finished = true;
    finishedBy = node.name() + " (" + node.opType() + ")";
  }

  List<String> notes() {
    return notes;
  }

  LayerBuilder layers() {
    return layers;
  }

  PrecisionConfig precision() {
    return precision;
  }

  String inputName() {
    return inputName;
  }

  ImportException error(Node node, String problem) {
    return new ImportException(graph.file(), node.name(), node.opType(), problem);
  }

  /** The flow as a built layer output (PENDING built with an exact or configured result; HOST started). */
  Flow toLayer(Node node, Flow flow, String resultLayer) {
    return switch (flow.stage()) {
      case LAYER -> flow;
      case HOST -> {
        layers.startFixedPoint(flow.size(), inputName);
        yield flow.at(Flow.Stage.LAYER, flow.chains(), null);
      }
      case PENDING -> {
        Quantizer result = flow.exact() ? null : precision.result(resultLayer);
        LayerBuilder.Built built = buildPending(flow, result);
        yield flow.at(Flow.Stage.LAYER, built.after(), null);
      }
    };
  }

  /**
   * Builds the flow's pending product with the chains of its values. A convolution's chains fold into its
   * kernel when they are the same at every position of each channel; otherwise the kernel keeps its exact
   * (or configured) result and every value keeps its own chain.
   */
  LayerBuilder.Built buildPending(Flow flow, Quantizer fusedResult) {
    PendingDense p = flow.pending();
    Chain[] chains = flow.chains();
    if (p.window() == null) {
      return layers.buildDense(p, chains, fusedResult);
    }
    int channels = p.outputs();
    Chain[] perChannel = Arrays.copyOf(chains, channels);
    boolean uniform = true;
    for (int e = channels; e < chains.length && uniform; e++) {
      uniform = chains[e].equals(perChannel[e % channels]);
    }
    LayerBuilder.Built built = layers.buildDense(p, uniform ? perChannel : LayerBuilder.identities(channels),
        uniform ? fusedResult : null);
    Chain[] after = new Chain[chains.length];
    for (int e = 0; e < after.length; e++) {
      Chain c = built.after()[e % channels];
      if (!uniform) {
        for (Chain.Step step : chains[e].steps()) {
          c = c.then(step);
        }
      }
      after[e] = c;
    }
    return new LayerBuilder.Built(after, uniform && built.fused());
  }

  private OutputDecoding finishOutput(Flow flow) {
    Node last = graph.nodes().get(graph.nodes().size() - 1);
    if (flow.order() != null) {
      throw new IllegalArgumentException("a feature map of shape " + Arrays.toString(flow.shape()) + " that the network"
          + " holds channels-last, not in the model's order; end the model with a Transpose to channels-last (NHWC)"
          + " or a dense layer");
    }
    if (flow.pads() != null) {
      throw new IllegalArgumentException("a Pad is the model's last operation; gatewright takes zero padding up into a"
          + " Conv after it");
    }
    Flow f = toLayer(last, flow, last.layer());
    if (!f.isAffine()) {
      f = ops.materializeActivations(last, f);
    }
    FixedType type = layers.type();
    double[] mul = new double[f.size()];
    double[] add = new double[f.size()];
    for (int e = 0; e < f.size(); e++) {
      Chain.Affine a = f.chain(e).asAffine();
      mul[e] = a.mul().doubleValue();
      add[e] = a.add().doubleValue();
    }
    OutputDecoding decoding = new OutputDecoding(type, mul, add);
    if (!decoding.isIdentity()) {
      notes.add("output: the network's " + type + " values times a scale plus an offset the hardware leaves out"
          + " (OutputDecoding) are the model's outputs");
    }
    return decoding;
  }
}
