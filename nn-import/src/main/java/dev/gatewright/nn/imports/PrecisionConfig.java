package dev.gatewright.nn.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The precisions for the parts of a model that the model itself leaves in floating point: float inputs,
 * float weights and biases, accumulators and results of layers with no quantizer after them, and the
 * tables of sigmoid and tanh. The model's own quantizers always win: a precision never re-quantizes what
 * the model quantized.
 *
 * <p>The file is hls4ml's configuration (YAML, or JSON, which YAML reads too), so an hls4ml project's file
 * works as it is; only the keys below are read:
 * <pre>
 * HLSConfig:                      # other top-level keys of an hls4ml config (Backend, Part, ...) are ignored
 *   Model:
 *     Precision: ap_fixed&lt;16,6&gt;  # the default for everything; a map {weight, bias, result, accum} also works
 *   LayerName:
 *     fc1_input:                  # a graph input (ONNX input name, Keras input layer name)
 *       Precision: {result: ap_fixed&lt;16,6&gt;}
 *     fc1:                        # an ONNX node name or a Keras layer name
 *       Precision: {weight: ap_fixed&lt;8,3&gt;, bias: ap_fixed&lt;8,3&gt;, result: ap_fixed&lt;16,6,AP_RND_CONV,AP_SAT&gt;,
 *                   accum: ap_fixed&lt;24,12&gt;}
 *     output_sigmoid:
 *       table_t: ap_fixed&lt;18,8&gt;
 *       table_size: 1024
 * </pre>
 * Types are {@code ap_fixed<W,I[,Q[,O]]>}, {@code ap_ufixed<...>}, {@code ap_int<W>}, {@code ap_uint<W>} or
 * gatewright's {@code sfix(W,F)}/{@code ufix(W,F)}; Q is AP_TRN (default), AP_TRN_ZERO, AP_RND or
 * AP_RND_CONV, O is AP_WRAP (default), AP_SAT or AP_SAT_SYM — ap_fixed's own defaults and meanings. Keys
 * that do not change numbers (ReuseFactor, Strategy, Trace, ...) are accepted and ignored; anything else is
 * an error naming its path. Without a file every precision is hls4ml's default, {@code ap_fixed<16,6>}.
 */
public final class PrecisionConfig {

  /** hls4ml's default precision. */
  public static final Quantizer DEFAULT = Quantizer.of(FixedType.sfix(16, 10));

  private static final Set<String> IGNORED = Set.of("ReuseFactor", "Strategy", "Trace", "TraceOutput",
      "ParallelizationFactor", "ConvImplementation", "BramFactor", "Implementation", "IOType", "Compression");
  private static final Pattern AP = Pattern.compile(
      "ap_(u?)fixed<\\s*(\\d+)\\s*,\\s*(-?\\d+)\\s*(?:,\\s*(\\w+)\\s*)?(?:,\\s*(\\w+)\\s*)?(?:,\\s*(\\d+)\\s*)?>");
  private static final Pattern AP_INT = Pattern.compile("ap_(u?)int<\\s*(\\d+)\\s*>");
  private static final Pattern FIX = Pattern.compile("(s|u)fix\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");

  /** The settings of one layer (any of them may be null). */
  public record LayerPrecision(Quantizer weight, Quantizer bias, Quantizer result, Quantizer accum,
      Quantizer table, Integer tableSize) {
    static final LayerPrecision NONE = new LayerPrecision(null, null, null, null, null, null);
  }

  private final Path file;
  private final LayerPrecision model;
  private final Map<String, LayerPrecision> layers;

  private PrecisionConfig(Path file, LayerPrecision model, Map<String, LayerPrecision> layers) {
    this.file = file;
    this.model = model;
    this.layers = Map.copyOf(layers);
  }

  /** hls4ml's defaults, no per-layer settings. */
  public static PrecisionConfig defaults() {
    return new PrecisionConfig(null, LayerPrecision.NONE, Map.of());
  }

  public static PrecisionConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the precision file: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  public static PrecisionConfig parse(Path file, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where(file, "$") + "not valid YAML or JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new IllegalArgumentException(where(file, "$") + "expected a map with an HLSConfig key");
    }
    JsonNode hls = root.get("HLSConfig");
    String base = "$.HLSConfig";
    if (hls == null) {
      throw new IllegalArgumentException(where(file, "$") + "missing key HLSConfig");
    }
    checkKeys(file, base, hls, Set.of("Model", "LayerName", "LayerType"));
    LayerPrecision model = LayerPrecision.NONE;
    if (hls.has("Model")) {
      model = layer(file, base + ".Model", hls.get("Model"));
    }
    Map<String, LayerPrecision> layers = new LinkedHashMap<>();
    JsonNode names = hls.get("LayerName");
    if (names != null) {
      if (!names.isObject()) {
        throw new IllegalArgumentException(where(file, base + ".LayerName") + "expected a map of layer names");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = names.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        layers.put(e.getKey(), layer(file, base + ".LayerName." + e.getKey(), e.getValue()));
      }
    }
    return new PrecisionConfig(file, model, layers);
  }

  /** The file this came from, or null for the defaults. */
  public Path file() {
    return file;
  }

  /** The layer names the file sets precisions for. */
  public Set<String> layerNames() {
    return layers.keySet();
  }

  public boolean hasLayer(String name) {
    return layers.containsKey(name);
  }

  /** The explicit setting of {@code layer}, or null. */
  public LayerPrecision explicit(String layer) {
    return layers.get(layer);
  }

  public Quantizer weight(String layer) {
    return pick(layer, LayerPrecision::weight);
  }

  public Quantizer bias(String layer) {
    return pick(layer, LayerPrecision::bias);
  }

  public Quantizer result(String layer) {
    return pick(layer, LayerPrecision::result);
  }

  public Quantizer accum(String layer) {
    return pick(layer, LayerPrecision::accum);
  }

  /** A table's entry type: the layer's table_t, else ap_fixed<18,8> (hls4ml's default). */
  public Quantizer table(String layer) {
    LayerPrecision p = layers.get(layer);
    return p != null && p.table() != null ? p.table() : Quantizer.of(FixedType.sfix(18, 10));
  }

  /** A table's size: the layer's table_size, else 1024 (hls4ml's default). */
  public int tableSize(String layer) {
    LayerPrecision p = layers.get(layer);
    return p != null && p.tableSize() != null ? p.tableSize() : 1024;
  }

  private Quantizer pick(String layer, java.util.function.Function<LayerPrecision, Quantizer> field) {
    LayerPrecision p = layers.get(layer);
    if (p != null && field.apply(p) != null) {
      return field.apply(p);
    }
    return field.apply(model) != null ? field.apply(model) : DEFAULT;
  }

  private static LayerPrecision layer(Path file, String path, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where(file, path) + "expected a map");
    }
    checkKeys(file, path, node, Set.of("Precision", "table_t", "table_size", "exp_table_t", "inv_table_t"));
    Quantizer weight = null;
    Quantizer bias = null;
    Quantizer result = null;
    Quantizer accum = null;
    JsonNode precision = node.get("Precision");
    if (precision != null) {
      if (precision.isTextual()) {
        Quantizer all = type(file, path + ".Precision", precision);
        weight = all;
        bias = all;
        result = all;
        accum = all;
      } else if (precision.isObject()) {
        checkKeys(file, path + ".Precision", precision, Set.of("weight", "bias", "result", "accum", "default"));
        Quantizer fallback = precision.has("default") ? type(file, path + ".Precision.default", precision.get("default"))
            : null;
        weight = optional(file, path + ".Precision.weight", precision.get("weight"), fallback);
        bias = optional(file, path + ".Precision.bias", precision.get("bias"), fallback);
        result = optional(file, path + ".Precision.result", precision.get("result"), fallback);
        accum = optional(file, path + ".Precision.accum", precision.get("accum"), fallback);
      } else {
        throw new IllegalArgumentException(where(file, path + ".Precision") + "expected a type or a map of types");
      }
    }
    Quantizer table = node.has("table_t") ? type(file, path + ".table_t", node.get("table_t")) : null;
    Integer size = null;
    if (node.has("table_size")) {
      JsonNode s = node.get("table_size");
      if (!s.canConvertToInt() || s.intValue() < 1 || Integer.bitCount(s.intValue()) != 1) {
        throw new IllegalArgumentException(where(file, path + ".table_size") + "expected a power of two, found " + s);
      }
      size = s.intValue();
    }
    return new LayerPrecision(weight, bias, result, accum, table, size);
  }

  private static Quantizer optional(Path file, String path, JsonNode node, Quantizer fallback) {
    return node == null ? fallback : type(file, path, node);
  }

  private static Quantizer type(Path file, String path, JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(where(file, path) + "expected a type such as ap_fixed<16,6>, found " + node);
    }
    try {
      return parseType(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where(file, path) + e.getMessage(), e);
    }
  }

  /** An ap_fixed-style type with its quantization and overflow modes (see the class comment). */
  public static Quantizer parseType(String text) {
    String t = text.strip();
    Matcher m = AP.matcher(t);
    if (m.matches()) {
      int width = Integer.parseInt(m.group(2));
      int integer = Integer.parseInt(m.group(3));
      Rounding rounding = m.group(4) == null ? Rounding.TRUNCATE : rounding(m.group(4));
      Overflow overflow = m.group(5) == null ? Overflow.WRAP : overflow(m.group(5));
      return new Quantizer(new FixedType(m.group(1).isEmpty(), width, width - integer), rounding, overflow);
    }
    m = AP_INT.matcher(t);
    if (m.matches()) {
      return Quantizer.of(new FixedType(m.group(1).isEmpty(), Integer.parseInt(m.group(2)), 0));
    }
    m = FIX.matcher(t);
    if (m.matches()) {
      return Quantizer.of(new FixedType(m.group(1).equals("s"), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3))));
    }
    throw new IllegalArgumentException("not a type: \"" + text + "\" (expected ap_fixed<W,I[,Q[,O]]>, ap_ufixed<...>,"
        + " ap_int<W>, ap_uint<W>, sfix(W,F) or ufix(W,F))");
  }

  private static Rounding rounding(String q) {
    return switch (q.toUpperCase(Locale.ROOT)) {
      case "AP_TRN" -> Rounding.TRUNCATE;
      case "AP_TRN_ZERO" -> Rounding.TRUNCATE_TO_ZERO;
      case "AP_RND" -> Rounding.HALF_UP;
      case "AP_RND_CONV" -> Rounding.HALF_EVEN;
      default -> throw new IllegalArgumentException("quantization mode " + q
          + " is not supported (AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_CONV are)");
    };
  }

  private static Overflow overflow(String o) {
    return switch (o.toUpperCase(Locale.ROOT)) {
      case "AP_WRAP" -> Overflow.WRAP;
      case "AP_SAT" -> Overflow.SATURATE;
      case "AP_SAT_SYM" -> Overflow.SATURATE_SYMMETRIC;
      default -> throw new IllegalArgumentException("overflow mode " + o
          + " is not supported (AP_WRAP, AP_SAT, AP_SAT_SYM are)");
    };
  }

  private static void checkKeys(Path file, String path, JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where(file, path) + "expected a map");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key) && !IGNORED.contains(key)) {
        throw new IllegalArgumentException(where(file, path + "." + key) + "unknown key (expected one of "
            + new java.util.TreeSet<>(allowed) + ", or a key that does not change numbers: " + new java.util.TreeSet<>(IGNORED)
            + ")");
      }
    }
  }

  private static String where(Path file, String path) {
    return (file == null ? "" : file + ": ") + path + ": ";
  }

  @Override
  public String toString() {
    return "precision " + (file == null ? "(defaults)" : file) + " " + Objects.toString(layers.keySet());
  }
}
