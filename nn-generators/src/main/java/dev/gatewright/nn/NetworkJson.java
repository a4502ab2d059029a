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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    return readNetwork(new Node(root, "$"));
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

  private static Network readNetwork(Node root) {
    root.allow("format", "name", "input", "output", "layers");
    Node format = root.optional("format");
    if (format == null) {
      throw root.error("no \"format\" field; a gatewright network file starts with \"format\": \"" + FORMAT + "\"");
    }
    if (!format.string().equals(FORMAT)) {
      throw format.error("unknown format \"" + format.string() + "\", expected \"" + FORMAT + "\"");
    }
    Node nameNode = root.required("name");
    String name = nameNode.string();
    String nameProblem = HardwareNames.networkNameProblem(name);
    if (nameProblem != null) {
      throw nameNode.error(nameProblem);
    }
    Node input = root.required("input");
    input.allow("size", "type", "encoding");
    int size = input.required("size").positiveInt();
    FixedType inputType = input.required("type").type();
    Network.Builder builder;
    try {
      builder = Network.builder(name, size, inputType);
    } catch (IllegalArgumentException e) {
      throw input.error(e.getMessage());
    }
    Node encoding = input.optional("encoding");
    if (encoding != null) {
      builder.inputEncoding(readEncoding(encoding, size, inputType));
    }
    Node layers = root.required("layers");
    int count = layers.arraySize();
    if (count == 0) {
      throw layers.error("a network needs at least one layer");
    }
    for (int k = 0; k < count; k++) {
      Node layer = layers.element(k);
      readLayer(layer, builder);
      HardwareNames.Collision collision = HardwareNames.firstCollision(builder.layerNames());
      if (collision != null) {
        Node named = layer.optional("name");
        throw (named != null ? named : layer).error(collision.message());
      }
    }
    Node output = root.optional("output");
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

  private static InputEncoding readEncoding(Node encoding, int size, FixedType inputType) {
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
          Node rows = encoding.required("thresholds");
          int count = rows.arraySize();
          if (count != 1 && count != size) {
            throw rows.error("expected one row of thresholds for every input or " + size + " rows, found " + count);
          }
          double[][] thresholds = new double[size][];
          for (int i = 0; i < size; i++) {
            Node row = rows.element(count == 1 ? 0 : i);
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

  private static void readLayer(Node layer, Network.Builder builder) {
    try {
      readLayer(layer, layer.required("kind").string(), builder);
    } catch (IllegalArgumentException e) {
      throw layer.error(e.getMessage());
    }
  }

  private static void readLayer(Node layer, String kind, Network.Builder builder) {
    switch (kind) {
      case "dense" -> readDense(layer, builder);
      case "batchnorm" -> {
        layer.allow("kind", "gamma", "beta", "mean", "variance", "epsilon");
        int n = builder.width();
        Node eps = layer.optional("epsilon");
        BatchNorm norm = new BatchNorm(layer.required("gamma").vector(n), layer.required("beta").vector(n),
            layer.required("mean").vector(n), layer.required("variance").vector(n),
            eps == null ? BatchNorm.DEFAULT_EPSILON : eps.number());
        builder.batchNorm(norm);
      }
      case "linear", "relu", "hard_tanh" -> {
        layer.allow("kind", "name", "result");
        Node r = layer.optional("result");
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
        Node r = layer.optional("result");
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
        Node rows = layer.required("thresholds");
        rows.checkLength(channels, "rows (one per channel)");
        long[][] thresholds = new long[channels][];
        for (int c = 0; c < channels; c++) {
          Node row = rows.element(c);
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

  private static void readDense(Node layer, Network.Builder builder) {
    builder.dense(denseBuilder(layer, builder.width()));
  }

  /** The dense fields of {@code layer} (a dense layer, or a convolution's kernel with its extra fields). */
  private static Dense.Builder denseBuilder(Node layer, int inputs, String... extra) {
    List<String> fields = new java.util.ArrayList<>(List.of("kind", "name", "outputs", "weightType", "biasType",
        "accumulator", "result", "weights", "rawWeights", "bias", "rawBias", "mask"));
    fields.addAll(List.of(extra));
    layer.allow(fields.toArray(String[]::new));
    String name = layer.required("name").string();
    int outputs = layer.required("outputs").positiveInt();
    FixedType weightType = layer.required("weightType").type();
    Node bt = layer.optional("biasType");
    FixedType biasType = bt == null ? weightType : bt.type();
    Dense.Builder dense = Dense.builder(name, outputs).weightType(weightType).biasType(biasType);
    dense.result(layer.required("result").quantizer());
    Node acc = layer.optional("accumulator");
    if (acc != null) {
      acc.allow("type", "overflow");
      Node overflow = acc.optional("overflow");
      dense.accumulator(acc.required("type").type(), overflow == null ? Overflow.WRAP : overflow.overflow());
    }
    Node weights = layer.optional("weights");
    Node rawWeights = layer.optional("rawWeights");
    if ((weights == null) == (rawWeights == null)) {
      throw layer.error("a dense layer needs exactly one of \"weights\" and \"rawWeights\"");
    }
    if (weights != null) {
      dense.weights(weights.matrix(outputs, inputs));
    } else {
      dense.rawWeights(rawWeights.rawMatrix(outputs, inputs, weightType));
    }
    Node bias = layer.optional("bias");
    Node rawBias = layer.optional("rawBias");
    if (bias != null && rawBias != null) {
      throw layer.error("give at most one of \"bias\" and \"rawBias\"");
    }
    if (bias != null) {
      dense.bias(bias.vector(outputs));
    } else if (rawBias != null) {
      dense.rawBias(rawBias.rawVector(outputs, biasType));
    }
    Node mask = layer.optional("mask");
    if (mask != null) {
      dense.mask(mask.mask(outputs, inputs));
    }
    return dense;
  }

  private static void name(Node layer, Network.Builder builder) {
    Node name = layer.optional("name");
    if (name != null) {
      builder.named(name.string());
    }
  }

  /** A JSON value and its path; every accessor fails with that path. */
  private record Node(JsonNode json, String path) {

    NetworkFormatException error(String message) {
      return new NetworkFormatException(path, message);
    }

    void allow(String... fields) {
      if (!json.isObject()) {
        throw error("expected an object, found " + describe(json));
      }
      Set<String> allowed = Set.of(fields);
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!allowed.contains(field)) {
          throw new NetworkFormatException(path + "." + field, "unknown field (expected one of "
              + String.join(", ", fields) + ")");
        }
      }
    }

    Node optional(String field) {
      if (!json.isObject()) {
        throw error("expected an object, found " + describe(json));
      }
      JsonNode child = json.get(field);
      return child == null || child.isNull() ? null : new Node(child, path + "." + field);
    }

    Node required(String field) {
      Node child = optional(field);
      if (child == null) {
        throw error("missing field \"" + field + "\"");
      }
      return child;
    }

    int arraySize() {
      if (!json.isArray()) {
        throw error("expected an array, found " + describe(json));
      }
      return json.size();
    }

    Node element(int index) {
      return new Node(json.get(index), path + "[" + index + "]");
    }

    String string() {
      if (!json.isTextual()) {
        throw error("expected a string, found " + describe(json));
      }
      return json.textValue();
    }

    double number() {
      if (!json.isNumber()) {
        throw error("expected a number, found " + describe(json));
      }
      double v = json.doubleValue();
      if (!Double.isFinite(v)) {
        throw error("number out of range: " + json);
      }
      return v;
    }

    long integer() {
      if (!json.isIntegralNumber() || !json.canConvertToLong()) {
        throw error("expected an integer, found " + describe(json));
      }
      return json.longValue();
    }

    int positiveInt() {
      long v = integer();
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw error("expected a positive integer, found " + v);
      }
      return (int) v;
    }

    FixedType type() {
      try {
        return parseType(string());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    Rounding rounding() {
      return enumValue(Rounding.class);
    }

    Overflow overflow() {
      return enumValue(Overflow.class);
    }

    private <E extends Enum<E>> E enumValue(Class<E> type) {
      String text = string();
      try {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " \"" + text + "\" (expected one of "
            + java.util.Arrays.toString(type.getEnumConstants()) + ")");
      }
    }

    Quantizer quantizer() {
      allow("type", "rounding", "overflow");
      Node r = optional("rounding");
      Node o = optional("overflow");
      return new Quantizer(required("type").type(), r == null ? Rounding.TRUNCATE : r.rounding(),
          o == null ? Overflow.WRAP : o.overflow());
    }

    FeatureMap map() {
      allow("height", "width", "channels");
      try {
        return new FeatureMap(required("height").positiveInt(), required("width").positiveInt(),
            required("channels").positiveInt());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    /** {@code {"kernel": [h, w], "strides": [h, w], "pads": [top, left, bottom, right]}} (strides 1, pads 0 by default). */
    Window window() {
      allow("kernel", "strides", "pads");
      Node k = required("kernel");
      Node s = optional("strides");
      Node p = optional("pads");
      long[] kernel = k.integers(2);
      long[] strides = s == null ? new long[] {1, 1} : s.integers(2);
      long[] pads = p == null ? new long[4] : p.integers(4);
      try {
        return new Window(Math.toIntExact(kernel[0]), Math.toIntExact(kernel[1]), Math.toIntExact(strides[0]),
            Math.toIntExact(strides[1]), Math.toIntExact(pads[0]), Math.toIntExact(pads[1]), Math.toIntExact(pads[2]),
            Math.toIntExact(pads[3]));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw error(e.getMessage());
      }
    }

    LookupTable table() {
      allow("size", "low", "high", "type");
      int size = required("size").positiveInt();
      double low = required("low").number();
      double high = required("high").number();
      FixedType type = required("type").type();
      try {
        return new LookupTable(size, low, high, type);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    double[] vector(int length) {
      checkLength(length, "numbers");
      double[] v = new double[length];
      for (int i = 0; i < length; i++) {
        v[i] = element(i).number();
      }
      return v;
    }

    long[] integers(int length) {
      checkLength(length, "integers");
      long[] v = new long[length];
      for (int i = 0; i < length; i++) {
        v[i] = element(i).integer();
      }
      return v;
    }

    /** {@code length} numbers, or one number for all of them. */
    double[] numbersOrOne(int length) {
      if (json.isArray()) {
        return vector(length);
      }
      double[] v = new double[length];
      java.util.Arrays.fill(v, number());
      return v;
    }

    /** A row of thresholds: numbers, or "Infinity" and "-Infinity", non-decreasing. */
    double[] thresholds() {
      int length = arraySize();
      double[] t = new double[length];
      for (int k = 0; k < length; k++) {
        Node e = element(k);
        if (e.json.isTextual() && (e.json.textValue().equals("Infinity") || e.json.textValue().equals("-Infinity"))) {
          t[k] = e.json.textValue().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else if (e.json.isNumber()) {
          t[k] = e.number();
        } else {
          throw e.error("expected a number, \"Infinity\" or \"-Infinity\", found " + describe(e.json));
        }
        if (k > 0 && t[k] < t[k - 1]) {
          throw e.error("thresholds must not decrease: " + t[k] + " after " + t[k - 1]);
        }
      }
      return t;
    }

    /** {@code length} integers, or one integer for all of them. */
    long[] integersOrOne(int length) {
      if (json.isArray()) {
        return integers(length);
      }
      long[] v = new long[length];
      java.util.Arrays.fill(v, integer());
      return v;
    }

    long[] rawVector(int length, FixedType type) {
      checkLength(length, "integers");
      long[] v = new long[length];
      for (int i = 0; i < length; i++) {
        Node e = element(i);
        v[i] = e.integer();
        if (!type.fits(BigInteger.valueOf(v[i]))) {
          throw e.error(v[i] + " does not fit " + type + " (raw range " + type.minRaw() + ".." + type.maxRaw() + ")");
        }
      }
      return v;
    }

    double[][] matrix(int rows, int cols) {
      checkLength(rows, "rows");
      double[][] m = new double[rows][];
      for (int o = 0; o < rows; o++) {
        m[o] = element(o).vector(cols);
      }
      return m;
    }

    long[][] rawMatrix(int rows, int cols, FixedType type) {
      checkLength(rows, "rows");
      long[][] m = new long[rows][];
      for (int o = 0; o < rows; o++) {
        m[o] = element(o).rawVector(cols, type);
      }
      return m;
    }

    boolean[][] mask(int rows, int cols) {
      checkLength(rows, "rows");
      boolean[][] m = new boolean[rows][cols];
      for (int o = 0; o < rows; o++) {
        Node row = element(o);
        row.checkLength(cols, "entries");
        for (int i = 0; i < cols; i++) {
          Node e = row.element(i);
          if (e.json.isBoolean()) {
            m[o][i] = e.json.booleanValue();
          } else if (e.json.isIntegralNumber() && (e.json.longValue() == 0 || e.json.longValue() == 1)) {
            m[o][i] = e.json.longValue() == 1;
          } else {
            throw e.error("expected 0, 1, false or true, found " + describe(e.json));
          }
        }
      }
      return m;
    }

    private void checkLength(int expected, String what) {
      int found = arraySize();
      if (found != expected) {
        throw error("expected " + expected + " " + what + ", found " + found);
      }
    }

    private static String describe(JsonNode node) {
      String text = node.toString();
      return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " "
          + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
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
