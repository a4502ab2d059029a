package dev.gatewright.nn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the network file format. A file is one JSON object:
 * <pre>
 * {
 *   "format": "gatewright-network/1",
 *   "name": "tiny",
 *   "input": { "size": 3, "type": "sfix(8,4)",                          // how model inputs become raw inputs
 *              "encoding": { "kind": "fixed", "rounding": "HALF_EVEN", "overflow": "SATURATE" } },  // optional
 *   "output": { "scale": [0.5, 0.5], "offset": 0.0 },                    // optional: model output = scale·v + offset
 *   "layers": [
 *     { "kind": "dense", "name": "fc1", "outputs": 2,
 *       "weightType": "sfix(6,5)", "biasType": "sfix(6,5)",               // biasType: default weightType
 *       "accumulator": { "type": "sfix(20,9)", "overflow": "WRAP" },      // optional: exact by default
 *       "result": { "type": "sfix(16,10)", "rounding": "TRUNCATE", "overflow": "SATURATE" },
 *       "weights": [[0.5, -0.25, 0.0], [0.125, 0.0, -1.0]],               // or "rawWeights": integers
 *       "bias": [0.0, 0.03125],                                           // or "rawBias"; optional
 *       "mask": [[1, 1, 0], [1, 0, 1]] },                                 // optional, 0/1 or false/true
 *     { "kind": "batchnorm", "gamma": [..], "beta": [..], "mean": [..], "variance": [..], "epsilon": 0.001 },
 *     { "kind": "relu" },                                 // also "linear", "hard_tanh"; optional "result"
 *     { "kind": "clipped_relu", "ceiling": 4.0 },
 *     { "kind": "sigmoid", "table": { "size": 256, "low": -8, "high": 8, "type": "ufix(8,8)" } },
 *     { "kind": "tanh",    "table": { ... } },
 *     { "kind": "softmax", "exp": { table }, "reciprocal": { table }, "result": { quantizer } },
 *     { "kind": "argmax" },
 *     { "kind": "thresholds", "outputType": "sfix(2,0)",             // y = base + step * #{k : x >= t[k]}
 *       "thresholds": [[0], [-3]], "base": [-1, -1], "step": [2, 2] }, // raw integers; base/step may be one number
 *     { "kind": "conv", "name": "c1", "input": { "height": 8, "width": 8, "channels": 1 },   // channels-last
 *       "window": { "kernel": [3, 3], "strides": [1, 1], "pads": [1, 1, 1, 1] },  // pads: top, left, bottom, right
 *       "outputs": 2, ... },                       // the kernel as a dense layer on (row, column, channel) windows
 *     { "kind": "max_pool", "input": { map }, "window": { window } },
 *     { "kind": "global_pool", "input": { map }, "divisor": 64, "result": { quantizer } }
 *   ]
 * }
 * </pre>
 * (Comments are for this description only; files are plain JSON.) The input encoding ({@link InputEncoding})
 * is one of {@code {"kind": "fixed", "rounding": R, "overflow": O}} (real values converted to the input type;
 * the default, HALF_EVEN and SATURATE), {@code {"kind": "integers", "min": A, "max": B}} (each value an integer
 * of A..B, its own raw value) or {@code {"kind": "thresholds", "thresholds": [[t, ...], ...], "base": B, "step":
 * S}} (raw = B + S · #{k : x ≥ t[k]}; one row of thresholds and one base and step may stand for every input;
 * thresholds are numbers or "Infinity" / "-Infinity"). The output decoding ({@link OutputDecoding}) is
 * identity unless {@code "output"} gives a scale and an offset, each one number or one per output. Types are written {@code sfix(W,F)} /
 * {@code ufix(W,F)} ({@link FixedType#toString()}), or as hls4ml writes them: {@code ap_fixed<W,I>},
 * {@code ap_ufixed<W,I>}, {@code ap_int<W>}, {@code ap_uint<W>}. Rounding and overflow are the enum names
 * of {@link Rounding} and {@link Overflow}, any case; a quantizer without them uses TRUNCATE and WRAP, as
 * ap_fixed does. Every activation may have a {@code "name"}. Weights given as doubles are quantized
 * HALF_EVEN / SATURATE ({@link Dense.Builder}); raw integers must fit the declared type.
 *
 * <p>Unknown or duplicate fields, wrong shapes and wrong values fail with a
 * {@link NetworkFormatException} whose message starts with the JSON path of the problem.
 */
public final class NetworkJson {

  public static final String FORMAT = "gatewright-network/1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern FIX = Pattern.compile("(s|u)fix\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");
  private static final Pattern AP_FIXED = Pattern.compile("ap_(u?)fixed<\\s*(\\d+)\\s*,\\s*(-?\\d+)\\s*>");
  private static final Pattern AP_INT = Pattern.compile("ap_(u?)int<\\s*(\\d+)\\s*>");

  private NetworkJson() {}

  public static Network read(Path file) {
    try {
      return read(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static Network read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at != null ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " : "";
      if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
        throw new NetworkFormatException("$", where + "text after the network's JSON object; a network file"
            + " holds exactly one object", e);
      }
      throw new NetworkFormatException("$", where + "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new NetworkFormatException("$", "empty document");
    }
    return readNetwork(new JsonPathNode(root, "$"));
  }

  /** A parsed FixedType spelling (see the class comment). */
  public static FixedType parseType(String text) {
    String t = text.strip();
    try {
      Matcher m = FIX.matcher(t);
      if (m.matches()) {
        return fixedType(m.group(1).equals("s"), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), text);
      }
      m = AP_FIXED.matcher(t);
      if (m.matches()) {
        int width = Integer.parseInt(m.group(2));
        return fixedType(m.group(1).isEmpty(), width, width - Integer.parseInt(m.group(3)), text);
      }
      m = AP_INT.matcher(t);
      if (m.matches()) {
        return fixedType(m.group(1).isEmpty(), Integer.parseInt(m.group(2)), 0, text);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("number out of range in type " + text);
    }
    throw new IllegalArgumentException("not a fixed-point type: \"" + text
        + "\" (expected sfix(W,F), ufix(W,F), ap_fixed<W,I>, ap_ufixed<W,I>, ap_int<W> or ap_uint<W>)");
  }

  private static FixedType fixedType(boolean signed, int width, int fraction, String text) {
    if (width < 1 || width > FixedType.MAX_WIDTH) {
      throw new IllegalArgumentException("type " + text.strip() + " is " + width + " bits wide; a width must be 1.."
          + FixedType.MAX_WIDTH);
    }
    return new FixedType(signed, width, fraction);
  }

  // ---------------------------------------------------------------- reading

  private static Network readNetwork(JsonPathNode root) {
    root.allow("format", "name", "input", "output", "layers");
    JsonPathNode format = root.optional("format");
    if (format == null) {
      throw root.error("no \"format\" field; a gatewright network file starts with \"format\": \"" + FORMAT + "\"");
    }
    if (!format.string().equals(FORMAT)) {
      throw format.error("unknown format \"" + format.string() + "\", expected \"" + FORMAT + "\"");
    }
    JsonPathNode nameNode = root.required("name");
    String name = nameNode.string();
    String nameProblem = HardwareNames.networkNameProblem(name);
    if (nameProblem != null) {
      throw nameNode.error(nameProblem);
    }
    JsonPathNode input = root.required("input");
    input.allow("size", "type", "encoding");
    int size = input.required("size").positiveInt();
    FixedType inputType = input.required("type").type();
    Network.Builder builder;
    try {
      builder = Network.builder(name, size, inputType);
    } catch (IllegalArgumentException e) {
      throw input.error(e.getMessage());
    }
    JsonPathNode encoding = input.optional("encoding");
    if (encoding != null) {
      builder.inputEncoding(readEncoding(encoding, size, inputType));
    }
    JsonPathNode layers = root.required("layers");
    int count = layers.arraySize();
    if (count == 0) {
      throw layers.error("a network needs at least one layer");
    }
    for (int k = 0; k < count; k++) {
      JsonPathNode layer = layers.element(k);
      readLayer(layer, builder);
      HardwareNames.Collision collision = HardwareNames.firstCollision(builder.layerNames());
      if (collision != null) {
        JsonPathNode named = layer.optional("name");
        throw (named != null ? named : layer).error(collision.message());
      }
    }
    JsonPathNode output = root.optional("output");
    if (output != null) {
      output.allow("scale", "offset");
      int outputs = builder.width();
      builder.outputDecoding(new OutputDecoding(builder.type(), output.required("scale").numbersOrOne(outputs),
          output.required("offset").numbersOrOne(outputs)));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw root.error(e.getMessage());
    }
  }

  private static InputEncoding readEncoding(JsonPathNode encoding, int size, FixedType inputType) {
    String kind = encoding.required("kind").string();
    InputEncoding read;
    try {
      read = switch (kind) {
        case "fixed" -> {
          encoding.allow("kind", "rounding", "overflow");
          yield new InputEncoding.FixedPoint(size, new Quantizer(inputType, encoding.required("rounding").rounding(),
              encoding.required("overflow").overflow()));
        }
        case "integers" -> {
          encoding.allow("kind", "min", "max");
          yield new InputEncoding.Integers(size, encoding.required("min").integer(), encoding.required("max").integer());
        }
        case "thresholds" -> {
          encoding.allow("kind", "thresholds", "base", "step");
          JsonPathNode rows = encoding.required("thresholds");
          int count = rows.arraySize();
          if (count != 1 && count != size) {
            throw rows.error("expected one row of thresholds for every input or " + size + " rows, found " + count);
          }
          double[][] thresholds = new double[size][];
          for (int i = 0; i < size; i++) {
            JsonPathNode row = rows.element(count == 1 ? 0 : i);
            thresholds[i] = row.thresholds();
          }
          yield new InputEncoding.Thresholded(thresholds, encoding.required("base").integersOrOne(size),
              encoding.required("step").integersOrOne(size));
        }
        default -> throw encoding.required("kind").error("unknown input encoding \"" + kind
            + "\" (expected fixed, integers or thresholds)");
      };
    } catch (IllegalArgumentException e) {
      throw encoding.error(e.getMessage());
    }
    String problem = read.problemWith(size, inputType);
    if (problem != null) {
      throw encoding.error(problem);
    }
    return read;
  }

  private static void readLayer(JsonPathNode layer, Network.Builder builder) {
    try {
      readLayer(layer, layer.required("kind").string(), builder);
    } catch (IllegalArgumentException e) {
      throw layer.error(e.getMessage());
    }
  }

  private static void readLayer(JsonPathNode layer, String kind, Network.Builder builder) {
    switch (kind) {
      case "dense" -> readDense(layer, builder);
      case "batchnorm" -> {
        layer.allow("kind", "gamma", "beta", "mean", "variance", "epsilon");
        int n = builder.width();
        JsonPathNode eps = layer.optional("epsilon");
        BatchNorm norm = new BatchNorm(layer.required("gamma").vector(n), layer.required("beta").vector(n),
            layer.required("mean").vector(n), layer.required("variance").vector(n),
            eps == null ? BatchNorm.DEFAULT_EPSILON : eps.number());
        builder.batchNorm(norm);
      }
      case "linear", "relu", "hard_tanh" -> {
        layer.allow("kind", "name", "result");
        JsonPathNode r = layer.optional("result");
        Quantizer result = r == null ? Quantizer.of(builder.type()) : r.quantizer();
        name(layer, builder);
        switch (kind) {
          case "linear" -> builder.linear(result);
          case "relu" -> builder.relu(result);
          default -> builder.hardTanh(result);
        }
      }
      case "clipped_relu" -> {
        layer.allow("kind", "name", "ceiling", "result");
        double ceiling = layer.required("ceiling").number();
        JsonPathNode r = layer.optional("result");
        Quantizer result = r == null ? Quantizer.of(builder.type()) : r.quantizer();
        name(layer, builder);
        builder.clippedRelu(ceiling, result);
      }
      case "sigmoid", "tanh" -> {
        layer.allow("kind", "name", "table");
        LookupTable table = layer.required("table").table();
        name(layer, builder);
        if (kind.equals("sigmoid")) {
          builder.sigmoid(table);
        } else {
          builder.tanh(table);
        }
      }
      case "softmax" -> {
        layer.allow("kind", "name", "exp", "reciprocal", "result");
        LookupTable exp = layer.required("exp").table();
        LookupTable reciprocal = layer.required("reciprocal").table();
        Quantizer result = layer.required("result").quantizer();
        name(layer, builder);
        builder.softmax(exp, reciprocal, result);
      }
      case "argmax" -> {
        layer.allow("kind", "name");
        name(layer, builder);
        builder.argmax();
      }
      case "thresholds" -> {
        layer.allow("kind", "name", "outputType", "thresholds", "base", "step");
        FixedType outputType = layer.required("outputType").type();
        int channels = builder.width();
        JsonPathNode rows = layer.required("thresholds");
        rows.checkLength(channels, "rows (one per channel)");
        long[][] thresholds = new long[channels][];
        for (int c = 0; c < channels; c++) {
          JsonPathNode row = rows.element(c);
          thresholds[c] = row.integers(row.arraySize());
        }
        long[] base = layer.required("base").integersOrOne(channels);
        long[] step = layer.required("step").integersOrOne(channels);
        name(layer, builder);
        builder.thresholds(thresholds, base, step, outputType);
      }
      case "conv" -> {
        FeatureMap map = layer.required("input").map();
        Window window = layer.required("window").window();
        builder.conv(map, window, denseBuilder(layer, window.size(map.channels()), "input", "window"));
      }
      case "max_pool" -> {
        layer.allow("kind", "name", "input", "window");
        FeatureMap map = layer.required("input").map();
        Window window = layer.required("window").window();
        name(layer, builder);
        builder.maxPool(map, window);
      }
      case "global_pool" -> {
        layer.allow("kind", "name", "input", "divisor", "result");
        FeatureMap map = layer.required("input").map();
        long divisor = layer.required("divisor").positiveInt();
        Quantizer result = layer.required("result").quantizer();
        name(layer, builder);
        builder.globalPool(map, divisor, result);
      }
      default -> throw layer.required("kind").error("unknown layer kind \"" + kind + "\" (expected dense, batchnorm,"
          + " linear, relu, clipped_relu, hard_tanh, sigmoid, tanh, softmax, argmax, thresholds, conv, max_pool or"
          + " global_pool)");
    }
  }

  private static void readDense(JsonPathNode layer, Network.Builder builder) {
    builder.dense(denseBuilder(layer, builder.width()));
  }

  /** The dense fields of {@code layer} (a dense layer, or a convolution's kernel with its extra fields). */
  private static Dense.Builder denseBuilder(JsonPathNode layer, int inputs, String... extra) {
    List<String> fields = new java.util.ArrayList<>(List.of("kind", "name", "outputs", "weightType", "biasType",
        "accumulator", "result", "weights", "rawWeights", "bias", "rawBias", "mask"));
    fields.addAll(List.of(extra));
    layer.allow(fields.toArray(String[]::new));
    String name = layer.required("name").string();
    int outputs = layer.required("outputs").positiveInt();
    FixedType weightType = layer.required("weightType").type();
    JsonPathNode bt = layer.optional("biasType");
    FixedType biasType = bt == null ? weightType : bt.type();
    Dense.Builder dense = Dense.builder(name, outputs).weightType(weightType).biasType(biasType);
    dense.result(layer.required("result").quantizer());
    JsonPathNode acc = layer.optional("accumulator");
    if (acc != null) {
      acc.allow("type", "overflow");
      JsonPathNode overflow = acc.optional("overflow");
      dense.accumulator(acc.required("type").type(), overflow == null ? Overflow.WRAP : overflow.overflow());
    }
    JsonPathNode weights = layer.optional("weights");
    JsonPathNode rawWeights = layer.optional("rawWeights");
    if ((weights == null) == (rawWeights == null)) {
      throw layer.error("a dense layer needs exactly one of \"weights\" and \"rawWeights\"");
    }
    if (weights != null) {
      dense.weights(weights.matrix(outputs, inputs));
    } else {
      dense.rawWeights(rawWeights.rawMatrix(outputs, inputs, weightType));
    }
    JsonPathNode bias = layer.optional("bias");
    JsonPathNode rawBias = layer.optional("rawBias");
    if (bias != null && rawBias != null) {
      throw layer.error("give at most one of \"bias\" and \"rawBias\"");
    }
    if (bias != null) {
      dense.bias(bias.vector(outputs));
    } else if (rawBias != null) {
      dense.rawBias(rawBias.rawVector(outputs, biasType));
    }
    JsonPathNode mask = layer.optional("mask");
    if (mask != null) {
      dense.mask(mask.mask(outputs, inputs));
    }
    return dense;
  }

  private static void name(JsonPathNode layer, Network.Builder builder) {
    JsonPathNode name = layer.optional("name");
    if (name != null) {
      builder.named(name.string());
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * The network as a file: weights and biases as raw integers ({@code rawWeights}, {@code rawBias}),
   * pruned weights as zeros, every type and mode explicit. Reading the text gives a network that computes
   * exactly the same; writing is deterministic.
   */
  public static String write(Network network) {
    return NetworkJsonWriter.write(network);
  }

  public static void write(Network network, Path file) {
    try {
      Files.writeString(file, write(network));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The {@code "kind"} of a layer in the file. */
  public static String kind(Layer layer) {
    return NetworkJsonWriter.kind(layer);
  }
}
