package dev.gatewright.nn.dataflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Folding} as a file, format {@code gatewright-folding/1}:
 *
 * <pre>{@code
 * {"format": "gatewright-folding/1",
 *  "layers": {"fc1": {"pe": 16, "simd": 49, "weights": "rom"},
 *             "MultiThreshold": {"pe": 4}}}
 * }</pre>
 *
 * {@code pe} and {@code simd} default to 1, {@code weights} ({@code rom} or {@code registers}) to {@code rom}; a
 * layer not named is fully folded. Reading checks the file against the network: an unknown layer, a field that
 * is not one of these, or a folding that does not divide the layer fails with a {@link FormatException} whose
 * message starts with the file and the JSON path. {@link #write} gives the text of a folding (deterministic).
 */
public final class FoldingFile {

  public static final String FORMAT = "gatewright-folding/1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> FIELDS = Set.of("pe", "simd", "weights");

  private FoldingFile() {}

  /** A folding file that cannot be used; the message starts with the file and the JSON path. */
  public static final class FormatException extends RuntimeException {
    public FormatException(String message) {
      super(message);
    }
  }

  /** The folding in {@code file}, checked against {@code network}. */
  public static Folding read(Path file, Network network) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the folding file " + file, e);
    }
    return read(text, file.toString(), network);
  }

  /** The folding in {@code json}, checked against {@code network}; {@code source} names it in messages. */
  public static Folding read(String json, String source, Network network) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new FormatException(source + ": $: " + (at != null ? "line " + at.getLineNr() + ", column "
          + at.getColumnNr() + ": " : "") + "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FormatException(source + ": $: expected an object {\"format\": \"" + FORMAT + "\", \"layers\": {...}}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!n.equals("format") && !n.equals("layers")) {
        throw new FormatException(source + ": $." + n + ": unknown field (a folding file has format and layers)");
      }
    }
    JsonNode format = root.get("format");
    if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
      throw new FormatException(source + ": $.format: expected \"" + FORMAT + "\", found "
          + (format == null ? "nothing" : format.toString()));
    }
    JsonNode layers = root.get("layers");
    if (layers == null || !layers.isObject()) {
      throw new FormatException(source + ": $.layers: expected an object from layer names to foldings");
    }
    List<String> known = network.layers().stream().map(Layer::name).toList();
    Map<String, LayerFolding> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "$.layers." + e.getKey();
      if (!known.contains(e.getKey())) {
        throw new FormatException(source + ": " + path + ": network " + network.name() + " has no layer "
            + e.getKey() + " (its layers: " + String.join(", ", known) + ")");
      }
      m.put(e.getKey(), layer(e.getValue(), source + ": " + path));
    }
    Folding folding = new Folding(m);
    try {
      DataflowPlanner.plan(network, folding);
    } catch (IllegalArgumentException e) {
      throw new FormatException(source + ": $.layers: " + e.getMessage());
    }
    return folding;
  }

  private static LayerFolding layer(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new FormatException(where + ": expected an object such as {\"pe\": 4, \"simd\": 8}, found " + node);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!FIELDS.contains(n)) {
        throw new FormatException(where + "." + n + ": unknown field (a layer's folding has pe, simd and weights)");
      }
    }
    int pe = positive(node.get("pe"), where + ".pe");
    int simd = positive(node.get("simd"), where + ".simd");
    WeightStorage storage = WeightStorage.ROM;
    JsonNode w = node.get("weights");
    if (w != null) {
      String text = w.isTextual() ? w.textValue().toUpperCase(Locale.ROOT) : "";
      try {
        storage = WeightStorage.valueOf(text);
      } catch (IllegalArgumentException e) {
        throw new FormatException(where + ".weights: expected \"rom\" or \"registers\", found " + w);
      }
    }
    return new LayerFolding(pe, simd, storage);
  }

  private static int positive(JsonNode node, String where) {
    if (node == null) {
      return 1;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
      throw new FormatException(where + ": expected a positive integer, found " + node);
    }
    return node.intValue();
  }

  /** The text of {@code folding}, its layers in its order, every field explicit. */
  public static String write(Folding folding) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode layers = root.putObject("layers");
    folding.layers().forEach((name, f) -> {
      ObjectNode l = layers.putObject(name);
      l.put("pe", f.pe());
      l.put("simd", f.simd());
      l.put("weights", f.storage().name().toLowerCase(Locale.ROOT));
    });
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
