package dev.gatewright.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/** A JSON value and its path; every accessor fails with that path. */
record JsonPathNode(JsonNode json, String path) {

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

  JsonPathNode optional(String field) {
    if (!json.isObject()) {
      throw error("expected an object, found " + describe(json));
    }
    JsonNode child = json.get(field);
    return child == null || child.isNull() ? null : new JsonPathNode(child, path + "." + field);
  }

  JsonPathNode required(String field) {
    JsonPathNode child = optional(field);
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

  JsonPathNode element(int index) {
    return new JsonPathNode(json.get(index), path + "[" + index + "]");
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
      return NetworkJson.parseType(string());
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
    JsonPathNode r = optional("rounding");
    JsonPathNode o = optional("overflow");
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
    JsonPathNode k = required("kernel");
    JsonPathNode s = optional("strides");
    JsonPathNode p = optional("pads");
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
      JsonPathNode e = element(k);
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
      JsonPathNode e = element(i);
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
      JsonPathNode row = element(o);
      row.checkLength(cols, "entries");
      for (int i = 0; i < cols; i++) {
        JsonPathNode e = row.element(i);
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

  void checkLength(int expected, String what) {
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
