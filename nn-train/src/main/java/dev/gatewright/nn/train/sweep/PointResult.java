package dev.gatewright.nn.train.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.nn.train.FaultEvaluation;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.nn.train.Schedule;
import dev.gatewright.nn.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one finished sweep point measured: its parameters, test accuracy of the integer model, BOPs,
 * nonzero weights and measured sparsity, per-layer weight and activation types, training time, and the
 * accuracy at each evaluated fault rate. Written to {@code points/<id>/result.json}; its presence marks the
 * point done.
 */
public record PointResult(SweepPoint point, double testAccuracy, double bops, long nonzeroWeights,
    double measuredSparsity, String weightTypes, String activationTypes, double seconds,
    List<FaultEvaluation.Point> faultAccuracy) {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public PointResult {
    faultAccuracy = List.copyOf(faultAccuracy);
  }

  static PointResult of(SweepPoint point, TrainingRun run) {
    JsonNode report = run.report();
    List<String> weights = new ArrayList<>();
    List<String> activations = new ArrayList<>();
    for (JsonNode layer : report.get("layers")) {
      weights.add(layer.get("weightType").asText());
      activations.add(layer.get("resultType").asText());
    }
    return new PointResult(point, run.testAccuracy(), run.cost().bops(), run.cost().nonzeroWeights(),
        report.get("sparsity").asDouble(), String.join(" ", weights), String.join(" ", activations), run.seconds(),
        run.faultAccuracy());
  }

  ObjectNode toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("index", point.index());
    n.put("id", point.id());
    n.put("bits", point.bits());
    n.put("sparsity", point.sparsity());
    n.put("schedule", point.schedule().label());
    n.put("reuse", point.reuse());
    n.put("fanIn", point.fanIn());
    n.put("trainingFaultRate", point.faultRate());
    n.put("testAccuracy", testAccuracy);
    n.put("bops", bops);
    n.put("nonzeroWeights", nonzeroWeights);
    n.put("measuredSparsity", measuredSparsity);
    n.put("weightTypes", weightTypes);
    n.put("activationTypes", activationTypes);
    n.put("seconds", seconds);
    ArrayNode faults = n.putArray("faultAccuracy");
    for (FaultEvaluation.Point p : faultAccuracy) {
      ObjectNode f = faults.addObject();
      f.put("rate", p.rate());
      f.put("meanAccuracy", p.meanAccuracy());
      f.put("minAccuracy", p.minAccuracy());
      f.put("maxAccuracy", p.maxAccuracy());
      f.put("trials", p.trials());
    }
    return n;
  }

  static PointResult fromJson(JsonNode n, Path file) {
    try {
      SweepPoint point = new SweepPoint(n.get("index").asInt(), n.get("bits").asInt(), n.get("sparsity").asDouble(),
          Schedule.parse(n.get("schedule").asText()), n.get("reuse").asInt(), n.get("fanIn").asInt(),
          n.get("trainingFaultRate").asDouble());
      List<FaultEvaluation.Point> faults = new ArrayList<>();
      for (JsonNode f : n.get("faultAccuracy")) {
        faults.add(new FaultEvaluation.Point(f.get("rate").asDouble(), f.get("meanAccuracy").asDouble(),
            f.get("minAccuracy").asDouble(), f.get("maxAccuracy").asDouble(), f.get("trials").asInt()));
      }
      return new PointResult(point, n.get("testAccuracy").asDouble(), n.get("bops").asDouble(),
          n.get("nonzeroWeights").asLong(), n.get("measuredSparsity").asDouble(), n.get("weightTypes").asText(),
          n.get("activationTypes").asText(), n.get("seconds").asDouble(), faults);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not a sweep point result (" + e + "); delete it to rerun the point");
    }
  }

  static PointResult read(Path file) {
    try {
      return fromJson(MAPPER.readTree(Files.readString(file)), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  void write(Path file) {
    try {
      AtomicFiles.writeString(file, MAPPER.writeValueAsString(toJson()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
