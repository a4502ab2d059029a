package dev.gatewright.nn.train.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.nn.train.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A design-space sweep, read from JSON:
 * <pre>
 * {
 *   "dataset": "mnist:IMAGES-IDX:LABELS-IDX",     // paths relative to the config file
 *   "layers": [784, 64, 64, 64, 10],
 *   "epochs": 20, "batchSize": 64, "learningRate": 0.003, "seed": 1,   // optional, these are the defaults
 *   "trainCount": 8000, "splitSeed": 2026,                              // optional
 *   "search": "grid",                       // or "random" with "samples": N and "randomSeed"
 *   "grid": {
 *     "bits": [2, 4, 8], "sparsity": [0, 0.5, 0.8], "schedule": ["qap", "qat-then-prune"],
 *     "reuse": [1], "fanIn": [0], "faultRate": [0]                      // reuse, fanIn, faultRate optional
 *   },
 *   "evaluateFaultRates": [1e-4, 1e-3, 1e-2, 1e-1], "faultTrials": 3    // optional
 * }
 * </pre>
 * Grid points where the schedule cannot reach the sparsity (qat with sparsity &gt; 0) are left out; without
 * pruning, qap and qat-then-prune are the same training as qat and appear once, as qat (the QAT-only
 * baseline). Errors name the JSON path and the file.
 */
public record SweepConfig(Path file, String dataset, int[] layers, int epochs, int batchSize, double learningRate,
    long seed, int trainCount, long splitSeed, List<SweepPoint> points, List<Double> evaluateFaultRates,
    int faultTrials) {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public SweepConfig {
    layers = layers.clone();
    points = List.copyOf(points);
    evaluateFaultRates = List.copyOf(evaluateFaultRates);
  }

  @Override
  public int[] layers() {
    return layers.clone();
  }

  public static SweepConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sweep config " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    try {
      return parse(file, root);
    } catch (PathError e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static SweepConfig parse(Path file, JsonNode root) {
    allow(root, "$", "dataset", "layers", "epochs", "batchSize", "learningRate", "seed", "trainCount", "splitSeed",
        "search", "samples", "randomSeed", "grid", "evaluateFaultRates", "faultTrials");
    String dataset = text(required(root, "$", "dataset"), "$.dataset");
    Path base = file.toAbsolutePath().getParent();
    String[] parts = dataset.split(":", -1);
    if (parts.length != 3 || !parts[0].equals("mnist")) {
      throw new PathError("$.dataset", "expected \"mnist:IMAGES-IDX:LABELS-IDX\", found \"" + dataset + "\"");
    }
    dataset = "mnist:" + base.resolve(parts[1]).normalize() + ":" + base.resolve(parts[2]).normalize();
    int[] layers = ints(required(root, "$", "layers"), "$.layers", 1).stream().mapToInt(Integer::intValue).toArray();
    if (layers.length < 2) {
      throw new PathError("$.layers", "give at least an input and an output width");
    }
    int epochs = intOr(root, "epochs", 20, 1);
    int batch = intOr(root, "batchSize", 64, 1);
    double rate = root.has("learningRate") ? number(root.get("learningRate"), "$.learningRate") : 3e-3;
    long seed = root.has("seed") ? integer(root.get("seed"), "$.seed") : 1;
    int trainCount = intOr(root, "trainCount", 8000, 1);
    long splitSeed = root.has("splitSeed") ? integer(root.get("splitSeed"), "$.splitSeed") : 2026;
    JsonNode grid = required(root, "$", "grid");
    allow(grid, "$.grid", "bits", "sparsity", "schedule", "reuse", "fanIn", "faultRate");
    List<Integer> bits = ints(required(grid, "$.grid", "bits"), "$.grid.bits", 2);
    List<Double> sparsity = grid.has("sparsity") ? numbers(grid.get("sparsity"), "$.grid.sparsity") : List.of(0.0);
    List<Schedule> schedules = new ArrayList<>();
    JsonNode s = grid.has("schedule") ? grid.get("schedule") : MAPPER.createArrayNode().add("qap");
    for (int i = 0; i < array(s, "$.grid.schedule").size(); i++) {
      try {
        schedules.add(Schedule.parse(text(s.get(i), "$.grid.schedule[" + i + "]")));
      } catch (IllegalArgumentException e) {
        throw new PathError("$.grid.schedule[" + i + "]", e.getMessage());
      }
    }
    List<Integer> reuse = grid.has("reuse") ? ints(grid.get("reuse"), "$.grid.reuse", 1) : List.of(1);
    List<Integer> fanIn = grid.has("fanIn") ? ints(grid.get("fanIn"), "$.grid.fanIn", 0) : List.of(0);
    List<Double> faultRate = grid.has("faultRate") ? numbers(grid.get("faultRate"), "$.grid.faultRate") : List.of(0.0);
    for (int i = 0; i < sparsity.size(); i++) {
      if (!(sparsity.get(i) >= 0 && sparsity.get(i) < 1)) {
        throw new PathError("$.grid.sparsity[" + i + "]", "a sparsity is a fraction in [0, 1), not " + sparsity.get(i));
      }
    }
    for (int i = 0; i < faultRate.size(); i++) {
      if (!(faultRate.get(i) >= 0 && faultRate.get(i) <= 1)) {
        throw new PathError("$.grid.faultRate[" + i + "]", "a fault rate is in [0, 1], not " + faultRate.get(i));
      }
    }
    List<SweepPoint> all = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int b : bits) {
      for (double sp : sparsity) {
        for (Schedule listed : schedules) {
          for (int r : reuse) {
            for (int k : fanIn) {
              boolean prunes = sp > 0 || k > 0;
              if (listed == Schedule.QAT && prunes) {
                continue;
              }
              // without pruning, qap and qat-then-prune train exactly what qat trains: one point, called qat
              Schedule schedule = !prunes && listed != Schedule.PRUNE_THEN_QAT ? Schedule.QAT : listed;
              for (double f : faultRate) {
                SweepPoint point = new SweepPoint(all.size(), b, sp, schedule, r, k, f);
                if (seen.add(point.id())) {
                  all.add(point);
                }
              }
            }
          }
        }
      }
    }
    if (all.isEmpty()) {
      throw new PathError("$.grid", "no valid point (schedule qat prunes nothing: give it sparsity 0)");
    }
    String search = root.has("search") ? text(root.get("search"), "$.search") : "grid";
    List<SweepPoint> points = switch (search) {
      case "grid" -> all;
      case "random" -> {
        int samples = intOr(root, "samples", 10, 1);
        long randomSeed = root.has("randomSeed") ? integer(root.get("randomSeed"), "$.randomSeed") : 1;
        yield sample(all, samples, randomSeed);
      }
      default -> throw new PathError("$.search", "expected \"grid\" or \"random\", found \"" + search + "\"");
    };
    List<Double> evaluate = root.has("evaluateFaultRates")
        ? numbers(root.get("evaluateFaultRates"), "$.evaluateFaultRates") : List.of();
    int trials = intOr(root, "faultTrials", 3, 1);
    return new SweepConfig(file.toAbsolutePath(), dataset, layers, epochs, batch, rate, seed, trainCount, splitSeed,
        points, evaluate, trials);
  }

  /** {@code count} distinct points drawn with a seeded generator, renumbered in draw order. */
  private static List<SweepPoint> sample(List<SweepPoint> all, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Integer> chosen = new LinkedHashSet<>();
    while (chosen.size() < Math.min(count, all.size())) {
      chosen.add(random.nextInt(all.size()));
    }
    List<SweepPoint> points = new ArrayList<>();
    for (int k : chosen) {
      SweepPoint p = all.get(k);
      points.add(new SweepPoint(points.size(), p.bits(), p.sparsity(), p.schedule(), p.reuse(), p.fanIn(),
          p.faultRate()));
    }
    return points;
  }

  private static final class PathError extends RuntimeException {
    PathError(String path, String message) {
      super(path + ": " + message);
    }
  }

  private static void allow(JsonNode node, String path, String... fields) {
    if (!node.isObject()) {
      throw new PathError(path, "expected an object");
    }
    Set<String> allowed = Set.of(fields);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new PathError(path + "." + f, "unknown field (expected one of " + String.join(", ", fields) + ")");
      }
    }
  }

  private static JsonNode required(JsonNode node, String path, String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      throw new PathError(path, "missing field \"" + field + "\"");
    }
    return child;
  }

  private static JsonNode array(JsonNode node, String path) {
    if (!node.isArray() || node.isEmpty()) {
      throw new PathError(path, "expected a non-empty array");
    }
    return node;
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new PathError(path, "expected a string, found " + node);
    }
    return node.textValue();
  }

  private static double number(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw new PathError(path, "expected a number, found " + node);
    }
    return node.doubleValue();
  }

  private static long integer(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new PathError(path, "expected an integer, found " + node);
    }
    return node.longValue();
  }

  private static int intOr(JsonNode root, String field, int fallback, int min) {
    if (!root.has(field)) {
      return fallback;
    }
    long v = integer(root.get(field), "$." + field);
    if (v < min || v > Integer.MAX_VALUE) {
      throw new PathError("$." + field, "expected an integer >= " + min + ", found " + v);
    }
    return (int) v;
  }

  private static List<Integer> ints(JsonNode node, String path, int min) {
    array(node, path);
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      long v = integer(node.get(i), path + "[" + i + "]");
      if (v < min || v > Integer.MAX_VALUE) {
        throw new PathError(path + "[" + i + "]", "expected an integer >= " + min + ", found " + v);
      }
      values.add((int) v);
    }
    return values;
  }

  private static List<Double> numbers(JsonNode node, String path) {
    array(node, path);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      values.add(number(node.get(i), path + "[" + i + "]"));
    }
    return values;
  }
}
