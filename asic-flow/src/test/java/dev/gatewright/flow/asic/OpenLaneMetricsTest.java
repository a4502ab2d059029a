package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenLane is not installed here; the metrics below follow the names OpenLane 2 writes. */
class OpenLaneMetricsTest {

  @Test
  void finalMetricsBecomeAreaTimingPowerAndSignoffCounts() throws Exception {
    String json = """
        {
          "design__instance__area": 11234.5,
          "design__die__area": 40000,
          "timing__setup__ws": -0.42,
          "timing__setup__tns": -3.1,
          "power__total": 0.00123,
          "magic__drc_error__count": 0,
          "route__drc_errors": 2,
          "design__lvs_error__count": 0,
          "some__other__metric": "text"
        }
        """;
    Map<String, Double> m = OpenLaneMetrics.parse(new ObjectMapper().readTree(json));
    assertEquals(11234.5, m.get(FlowReport.AREA_UM2));
    assertEquals(40000, m.get("die_area_um2"));
    assertEquals(-0.42, m.get(FlowReport.WNS_NS));
    assertEquals(-3.1, m.get(FlowReport.TNS_NS));
    assertEquals(0.00123, m.get(FlowReport.POWER_W));
    assertEquals(0, m.get(FlowReport.DRC_ERRORS), "magic's count wins over the router's");
    assertEquals(0, m.get(FlowReport.LVS_ERRORS));
    assertEquals(7, m.size());
  }
}
