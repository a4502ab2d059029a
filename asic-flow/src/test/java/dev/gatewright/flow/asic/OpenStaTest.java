package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.CriticalPath;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenStaTest {

  private static String report(String name) throws Exception {
    try (InputStream in = OpenStaTest.class.getResourceAsStream("/sta/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheSlowestPathPinByPinAndTheSlacks() throws Exception {
    OpenSta.Timing timing = OpenSta.parse(report("mac_grid_4x4.report"), 10);
    assertEquals(0.0, timing.wnsNs());
    assertEquals(0.0, timing.tnsNs());
    assertEquals(3.5087, timing.worstSlackNs());
    assertEquals(1000 / (10 - 3.5087), timing.fmaxMhz(), 1e-9);
    CriticalPath path = timing.criticalPath();
    assertEquals("b_0_1[0].dfxtp_1", path.startpoint());
    assertEquals("acc_1_1[19].dfxtp_1", path.endpoint());
    assertEquals(6.4215, path.arrivalNs());
    assertEquals(3.5087, path.slackNs());
    CriticalPath.Point first = path.points().get(0);
    assertEquals("b_0_1[0].dfxtp_1/CLK", first.pin());
    assertEquals("sky130_fd_sc_hd__dfxtp_1", first.cell());
    CriticalPath.Point q = path.points().get(1);
    assertEquals("b_0_1[0].dfxtp_1/Q", q.pin());
    assertTrue(q.rising());
    assertEquals(0.3297, q.delayNs());
    assertEquals(0.1039, q.slewNs());
    CriticalPath.Point last = path.points().get(path.points().size() - 1);
    assertEquals("acc_1_1[19].dfxtp_1/D", last.pin());
    assertEquals(6.4215, last.arrivalNs());
    for (int i = 1; i < path.points().size(); i++) {
      assertTrue(path.points().get(i).arrivalNs() >= path.points().get(i - 1).arrivalNs());
    }
    assertEquals(45, path.stages());
  }

  @Test
  void aDesignWithoutTimedPathsHasNoCriticalPath() {
    OpenSta.Timing timing = OpenSta.parse("No paths found.\ntns 0.00\nwns 0.00\n", 10);
    assertNull(timing.criticalPath());
  }

  @Test
  void theScriptConstrainsInputsAndOutputsAndNeedsNoClockPort() {
    String clocked = OpenSta.script("netlist_timed.v", Path.of("/pdk/hd.lib"), "top", "clk", 4);
    assertTrue(clocked.contains("create_clock -name clk -period 4.0000 [get_ports {clk}]"), clocked);
    assertTrue(clocked.contains("set_driving_cell -lib_cell sky130_fd_sc_hd__inv_2 -pin Y $inputs"), clocked);
    assertTrue(clocked.contains("set_load 0.033442 [all_outputs]"), clocked);
    String combinational = OpenSta.script("netlist_timed.v", Path.of("/pdk/hd.lib"), "top", null, 4);
    assertTrue(combinational.contains("create_clock -name clk -period 4.0000\n"), combinational);
    assertTrue(combinational.contains("set inputs [all_inputs]"), combinational);
  }
}
