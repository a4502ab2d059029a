package dev.gatewright.flow.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code nextpnr --report report.json} says: for each resource its use and capacity, and for
 * each clock the frequency reached. nextpnr names clocks after their nets (e.g.
 * {@code clk$SB_IO_IN_$glb_clk}).
 */
public record NextpnrReport(Map<String, Use> utilization, Map<String, Double> achievedMhz) {

  /** How much of one resource a design uses. */
  public record Use(long used, long available) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public NextpnrReport {
    utilization = Collections.unmodifiableMap(new LinkedHashMap<>(utilization));
    achievedMhz = Collections.unmodifiableMap(new LinkedHashMap<>(achievedMhz));
  }

  public static NextpnrReport read(Path file) {
    try {
      return parse(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new FlowException("could not read the nextpnr report " + file + ": " + e.getMessage(), e);
    }
  }

  static NextpnrReport parse(JsonNode root) {
    Map<String, Use> utilization = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("utilization").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      utilization.put(e.getKey(),
          new Use(e.getValue().path("used").asLong(), e.getValue().path("available").asLong()));
    }
    Map<String, Double> fmax = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("fmax").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fmax.put(e.getKey(), e.getValue().path("achieved").asDouble());
    }
    return new NextpnrReport(utilization, fmax);
  }

  /** The lowest frequency reached over all clocks, if any clock has a register-to-register path. */
  public OptionalDouble fmaxMhz() {
    return achievedMhz.values().stream().mapToDouble(Double::doubleValue).min();
  }
}
