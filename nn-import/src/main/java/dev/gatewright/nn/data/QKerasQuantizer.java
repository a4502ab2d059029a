package dev.gatewright.nn.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QKeras quantizer as a model file names it, either as a JSON object ({@code {"class_name":
 * "quantized_bits", "config": {...}}}) or as a call ({@code "quantized_relu(6)"},
 * {@code "quantized_bits(6,0,alpha=1)"}): its class and its arguments by name, positional arguments named
 * in QKeras's order.
 */
public record QKerasQuantizer(String name, Map<String, String> arguments) {

  private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*(?:\\((.*)\\))?\\s*");
  private static final Map<String, List<String>> POSITIONAL = Map.of(
      "quantized_bits", List.of("bits", "integer", "symmetric", "keep_negative", "alpha", "use_stochastic_rounding"),
      "quantized_relu", List.of("bits", "integer", "use_sigmoid", "negative_slope", "use_stochastic_rounding",
          "relu_upper_bound"),
      "quantized_tanh", List.of("bits", "use_stochastic_rounding", "symmetric", "use_real_tanh"),
      "quantized_po2", List.of("bits", "max_value"));

  /** The quantizer a JSON value describes, or null for none (JSON null, a missing key). */
  public static QKerasQuantizer of(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return parse(node.textValue());
    }
    JsonNode cls = node.get("class_name");
    if (cls == null) {
      throw new IllegalArgumentException("a quantizer needs a class_name: " + node);
    }
    Map<String, String> args = new LinkedHashMap<>();
    JsonNode config = node.get("config");
    if (config != null) {
      config.fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().isNull() ? "None"
          : e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
    }
    return new QKerasQuantizer(cls.textValue(), args);
  }

  public static QKerasQuantizer parse(String text) {
    Matcher m = CALL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a quantizer: \"" + text + "\"");
    }
    String name = m.group(1);
    Map<String, String> args = new LinkedHashMap<>();
    if (m.group(2) != null && !m.group(2).isBlank()) {
      List<String> order = POSITIONAL.getOrDefault(name, List.of());
      String[] parts = m.group(2).split(",");
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].strip();
        int eq = p.indexOf('=');
        if (eq > 0) {
          args.put(p.substring(0, eq).strip(), unquote(p.substring(eq + 1).strip()));
        } else if (i < order.size()) {
          args.put(order.get(i), unquote(p));
        } else {
          throw new IllegalArgumentException("too many arguments in \"" + text + "\"");
        }
      }
    }
    return new QKerasQuantizer(name, args);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("'") || s.startsWith("\"")) ? s.substring(1, s.length() - 1) : s;
  }

  public double number(String key, double fallback) {
    String v = arguments.get(key);
    if (v == null || v.equals("None")) {
      return fallback;
    }
    return switch (v) {
      case "True", "true" -> 1;
      case "False", "false" -> 0;
      default -> {
        try {
          yield Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + ": " + key + " = " + v + " is not a number");
        }
      }
    };
  }

  public String text(String key) {
    return arguments.get(key);
  }

  @Override
  public String toString() {
    return name + arguments;
  }
}
