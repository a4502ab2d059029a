package dev.gatewright.flow.asic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final metrics of an OpenLane 2 run ({@code runs/<tag>/final/metrics.json}): cell area,
 * setup WNS and TNS, total power, and the DRC and LVS error counts, under gatewright's measure
 * names. Where OpenLane versions name a metric differently, the first name present wins.
 */
public final class OpenLaneMetrics {

  private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(FlowReport.AREA_UM2, List.of("design__instance__area", "design__instance__area__stdcell"));
    NAMES.put("die_area_um2", List.of("design__die__area"));
    NAMES.put(FlowReport.WNS_NS, List.of("timing__setup__ws", "timing__setup__wns"));
    NAMES.put(FlowReport.TNS_NS, List.of("timing__setup__tns"));
    NAMES.put(FlowReport.POWER_W, List.of("power__total"));
    NAMES.put(FlowReport.DRC_ERRORS,
        List.of("magic__drc_error__count", "klayout__drc_error__count", "route__drc_errors"));
    NAMES.put(FlowReport.LVS_ERRORS, List.of("design__lvs_error__count"));
  }

  private OpenLaneMetrics() {}

  public static Map<String, Double> read(Path metricsJson) {
    try {
      return parse(new ObjectMapper().readTree(metricsJson.toFile()));
    } catch (IOException e) {
      throw new FlowException("could not read OpenLane metrics " + metricsJson + ": " + e.getMessage(), e);
    }
  }

  static Map<String, Double> parse(JsonNode root) {
    Map<String, Double> measures = new LinkedHashMap<>();
    NAMES.forEach((measure, names) -> {
      for (String name : names) {
        JsonNode value = root.get(name);
        if (value != null && value.isNumber()) {
          measures.put(measure, value.asDouble());
          break;
        }
      }
    });
    return measures;
  }
}
