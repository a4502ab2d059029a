package dev.gatewright.nn.imports.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewright.nn.data.KerasModelFile;
import dev.gatewright.nn.data.QKerasQuantizer;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.graph.Graph;
import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Keras or QKeras model ({@link KerasModelFile}) as a graph of ONNX and QONNX operations, so that
 * one streamliner handles both: {@code Dense}/{@code QDense} become MatMul and Add (their kernel and bias
 * quantizers QONNX Quant nodes on the constants), activations Relu/Sigmoid/Tanh/Softmax, QKeras activation
 * quantizers Quant nodes with their exact grid, {@code BatchNormalization} itself, {@code Dropout} and
 * {@code Flatten} what they are at inference. Layers are named as hls4ml names them (a Dense layer's
 * activation is {@code <layer>_<activation>}), so hls4ml precision files apply.
 *
 * <p>QKeras quantizers: {@code quantized_bits(bits, integer, symmetric, keep_negative, alpha)} with a
 * numeric alpha is {@code Quant(scale = alpha·2^(integer − bits + keep_negative), signed = keep_negative,
 * narrow = symmetric, ROUND)} (1 signed bit: BipolarQuant); {@code quantized_relu(bits, integer)} is an
 * unsigned Quant with scale {@code 2^(integer − bits)}; {@code quantized_tanh(bits, symmetric)} a signed Quant
 * with scale {@code 2^(1 − bits)} (after Tanh when {@code use_real_tanh}). These are QKeras's formulas at
 * inference; quantizers whose scale depends on the data ({@code alpha="auto"}), stochastic noise
 * ({@code qnoise_factor} ≠ 1) or other classes are refused by name.
 */
public final class KerasReader {

  private static final String QONNX = "qonnx.custom_op.general";

  private final Path file;
  private final KerasModelFile model;
  private final Map<String, Tensor> constants = new LinkedHashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private String current;
  private int counter;

  private KerasReader(Path file, KerasModelFile model) {
    this.file = file;
    this.model = model;
  }

  public static Graph read(Path file) {
    KerasModelFile model;
    try {
      model = KerasModelFile.read(file);
    } catch (IllegalArgumentException e) {
      throw ImportException.file(file, e.getMessage());
    }
    return new KerasReader(file, model).graph();
  }

  private Graph graph() {
    List<JsonNode> layers = model.layers();
    Graph.Input input = null;
    for (JsonNode layer : layers) {
      String cls = text(layer, "class_name");
      JsonNode config = layer.get("config");
      String name = text(config, "name");
      checkChain(layer, name);
      previousLayer = name;
      if (input == null) {
        JsonNode shape = config.get("batch_input_shape");
        if (shape == null && !cls.equals("InputLayer")) {
          throw ImportException.file(file, "the first layer declares no input shape");
        }
        String inputName = cls.equals("InputLayer") ? name : name + "_input";
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = shape.get(d).isNull() ? -1 : shape.get(d).asLong();
        }
        input = new Graph.Input(inputName, dims, null);
        current = inputName;
        if (cls.equals("InputLayer")) {
          continue;
        }
      }
      try {
        layer(cls, name, config);
      } catch (ImportException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ImportException(file, name, cls, e.getMessage());
      }
    }
    if (input == null) {
      throw ImportException.file(file, "the model has no layers");
    }
    return new Graph(file, stem(), List.of(input), List.of(current), constants, nodes);
  }

  /** A functional model must be a chain: each layer's one input is the layer before. */
  private void checkChain(JsonNode layer, String name) {
    JsonNode inbound = layer.get("inbound_nodes");
    if (inbound == null || inbound.isEmpty() || previousLayer == null) {
      return;
    }
    if (inbound.size() != 1 || inbound.get(0).size() != 1) {
      throw new ImportException(file, name, text(layer, "class_name"), "has several inputs; gatewright imports chains");
    }
    JsonNode source = inbound.get(0).get(0);
    if (source.isArray() && !source.get(0).asText().equals(previousLayer)) {
      throw new ImportException(file, name, text(layer, "class_name"), "takes its input from " + source.get(0).asText()
          + ", not from the layer before it (" + previousLayer + "); gatewright imports chains");
    }
  }

  private String previousLayer;

  private void layer(String cls, String name, JsonNode config) {
    switch (cls) {
      case "Dense", "QDense" -> dense(cls, name, config);
      case "Activation" -> activation(name, name, text(config, "activation"));
      case "QActivation" -> {
        JsonNode act = config.get("activation");
        if (act.isTextual() && !act.textValue().contains("(") && !act.textValue().startsWith("quantized")) {
          activation(name, name, act.textValue());
        } else {
          quantizer(name, QKerasQuantizer.of(act), true);
        }
      }
      case "BatchNormalization" -> batchNorm(name, config);
      case "Dropout", "SpatialDropout1D", "GaussianDropout", "GaussianNoise", "ActivityRegularization" ->
          emit(name, "Identity", "", List.of(current), Map.of());
      case "Flatten" -> emit(name, "Flatten", "", List.of(current), Map.of("axis", 1L));
      case "ReLU" -> activation(name, name, "relu");
      default -> throw new IllegalArgumentException("unsupported layer class (supported: Dense, QDense, Activation,"
          + " QActivation, BatchNormalization, Dropout, Flatten, ReLU)");
    }
  }

  private void dense(String cls, String name, JsonNode config) {
    List<double[]> w = model.weights(name);
    List<long[]> shapes = model.shapes(name);
    boolean bias = !config.has("use_bias") || config.get("use_bias").asBoolean();
    if (w.size() < (bias ? 2 : 1)) {
      throw new IllegalArgumentException("the weights file has " + w.size() + " arrays for this layer, expected "
          + (bias ? "kernel and bias" : "a kernel"));
    }
    String kernel = constant(name + "_kernel", new Tensor(shapes.get(0), w.get(0)));
    if (cls.equals("QDense")) {
      kernel = quantizeConstant(name, kernel, QKerasQuantizer.of(config.get("kernel_quantizer")), "kernel");
    }
    emit(name, "MatMul", "", List.of(current, kernel), Map.of());
    if (bias) {
      String b = constant(name + "_bias", new Tensor(shapes.get(1), w.get(1)));
      if (cls.equals("QDense")) {
        b = quantizeConstant(name, b, QKerasQuantizer.of(config.get("bias_quantizer")), "bias");
      }
      emit(name, "Add", "", List.of(current, b), Map.of());
    }
    JsonNode act = config.get("activation");
    if (act != null && !act.isNull()) {
      String a = act.isTextual() ? act.textValue() : null;
      if (a != null && !a.contains("(") && !a.startsWith("quantized")) {
        activation(name, name + "_" + a, a);
      } else {
        quantizer(name + "_" + QKerasQuantizer.of(act).name(), QKerasQuantizer.of(act), true);
      }
    }
  }

  private void activation(String keras, String layer, String activation) {
    switch (activation) {
      case "linear" -> { }
      case "relu" -> emit(layer, "Relu", "", List.of(current), Map.of());
      case "sigmoid" -> emit(layer, "Sigmoid", "", List.of(current), Map.of());
      case "tanh" -> emit(layer, "Tanh", "", List.of(current), Map.of());
      case "softmax" -> emit(layer, "Softmax", "", List.of(current), Map.of("axis", -1L));
      default -> throw new IllegalArgumentException("unsupported activation " + activation
          + " (linear, relu, sigmoid, tanh, softmax are)");
    }
  }

  private void batchNorm(String name, JsonNode config) {
    List<double[]> w = model.weights(name);
    boolean scale = !config.has("scale") || config.get("scale").asBoolean();
    boolean center = !config.has("center") || config.get("center").asBoolean();
    int expected = 2 + (scale ? 1 : 0) + (center ? 1 : 0);
    if (w.size() != expected) {
      throw new IllegalArgumentException("the weights file has " + w.size() + " arrays for this layer, expected "
          + expected);
    }
    int k = 0;
    int n = w.get(w.size() - 1).length;
    double[] gamma = scale ? w.get(k++) : filled(n, 1);
    double[] beta = center ? w.get(k++) : new double[n];
    double[] mean = w.get(k++);
    double[] variance = w.get(k);
    double epsilon = config.has("epsilon") ? config.get("epsilon").asDouble() : 1e-3;
    emit(name, "BatchNormalization", "", List.of(current, constant(name + "_gamma", Tensor.vector(gamma)),
        constant(name + "_beta", Tensor.vector(beta)), constant(name + "_mean", Tensor.vector(mean)),
        constant(name + "_variance", Tensor.vector(variance))), Map.of("epsilon", epsilon));
  }

  /** A QKeras quantizer on the computed value ({@code activation}) or on a constant. */
  private void quantizer(String layer, QKerasQuantizer q, boolean activation) {
    String out = quant(layer, current, q);
    current = out;
  }

  private String quantizeConstant(String layer, String tensor, QKerasQuantizer q, String what) {
    if (q == null) {
      return tensor;
    }
    String saved = current;
    String out = quant(layer, tensor, q);
    current = saved;
    return out;
  }

  /** Emits the QONNX nodes of one QKeras quantizer applied to {@code input}; returns the output's name. */
  private String quant(String layer, String input, QKerasQuantizer q) {
    if (q.number("qnoise_factor", 1) != 1) {
      throw new IllegalArgumentException(q.name() + ": qnoise_factor " + q.text("qnoise_factor")
          + " mixes float and quantized values; only 1 is supported");
    }
    switch (q.name()) {
      case "quantized_bits" -> {
        int bits = (int) q.number("bits", 8);
        int integer = (int) q.number("integer", 0);
        boolean symmetric = q.number("symmetric", 0) != 0;
        boolean keepNegative = q.number("keep_negative", 1) != 0;
        double alpha = alpha(q);
        int unsigned = bits - (keepNegative ? 1 : 0);
        if (unsigned == 0) {
          return emitFrom(layer, "BipolarQuant", input, List.of(constant(layer + "_scale", Tensor.scalar(alpha))),
              Map.of());
        }
        if (unsigned < 0) {
          throw new IllegalArgumentException(q + ": needs at least one bit");
        }
        return quantNode(layer, input, alpha * Math.scalb(1.0, integer - unsigned), bits, keepNegative,
            symmetric && keepNegative);
      }
      case "quantized_relu" -> {
        if (q.number("use_sigmoid", 0) != 0 || q.number("negative_slope", 0) != 0
            || (q.text("relu_upper_bound") != null && !q.text("relu_upper_bound").equals("None"))) {
          throw new IllegalArgumentException(q + ": use_sigmoid, negative_slope and relu_upper_bound are not supported");
        }
        int bits = (int) q.number("bits", 8);
        int integer = (int) q.number("integer", 0);
        return quantNode(layer, input, Math.scalb(1.0, integer - bits), bits, false, false);
      }
      case "quantized_tanh" -> {
        int bits = (int) q.number("bits", 8);
        String in = input;
        if (q.number("use_real_tanh", 0) != 0) {
          in = emitFrom(layer + "_tanh", "Tanh", input, List.of(), Map.of());
        }
        return quantNode(layer, in, Math.scalb(1.0, 1 - bits), bits, true, q.number("symmetric", 0) != 0);
      }
      default -> throw new IllegalArgumentException("unsupported quantizer " + q.name()
          + " (quantized_bits, quantized_relu and quantized_tanh are)");
    }
  }

  private static double alpha(QKerasQuantizer q) {
    String a = q.text("alpha");
    if (a == null || a.equals("None") || a.equals("null")) {
      return 1;
    }
    try {
      return Double.parseDouble(a);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(q.name() + ": alpha=\"" + a + "\" sets a scale from the data at run time;"
          + " only a numeric alpha (e.g. 1) is supported");
    }
  }

  private String quantNode(String layer, String input, double scale, int bits, boolean signed, boolean narrow) {
    return emitFrom(layer, "Quant", input, List.of(constant(layer + "_scale", Tensor.scalar(scale)),
        constant(layer + "_zeropt", Tensor.scalar(0)), constant(layer + "_bits", Tensor.scalar(bits))),
        Map.of("signed", signed ? 1L : 0L, "narrow", narrow ? 1L : 0L, "rounding_mode", "ROUND"));
  }

  private String emitFrom(String layer, String op, String input, List<String> more, Map<String, Object> attributes) {
    List<String> inputs = new ArrayList<>();
    inputs.add(input);
    inputs.addAll(more);
    String out = layer + "_" + op + "_" + counter++;
    nodes.add(new Node(layer + "_" + op.toLowerCase() + "_" + counter, op, op.equals("Quant") || op.equals("BipolarQuant")
        ? QONNX : "", inputs, List.of(out), attributes, layer));
    return out;
  }

  private void emit(String layer, String op, String domain, List<String> inputs, Map<String, Object> attributes) {
    String out = layer + "_" + op + "_" + counter++;
    String nodeName = nodes.stream().anyMatch(n -> n.name().equals(layer)) ? layer + "_" + op.toLowerCase() : layer;
    nodes.add(new Node(nodeName, op, domain, inputs, List.of(out), attributes, layer));
    current = out;
  }

  private String constant(String name, Tensor t) {
    String n = name;
    for (int k = 2; constants.containsKey(n); k++) {
      n = name + "_" + k;
    }
    constants.put(n, t);
    return n;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private String text(JsonNode node, String key) {
    JsonNode v = node == null ? null : node.get(key);
    if (v == null || !v.isTextual()) {
      throw ImportException.file(file, "the architecture lacks \"" + key + "\" in " + node);
    }
    return v.textValue();
  }

  private String stem() {
    String n = file.getFileName().toString();
    n = n.replaceFirst("\\.(h5|hdf5|json)$", "").replaceFirst("_weights$", "");
    return n;
  }
}
