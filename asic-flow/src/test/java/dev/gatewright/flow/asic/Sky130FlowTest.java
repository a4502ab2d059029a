package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.TestDesigns;
import dev.gatewright.flow.YosysStats;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sky130FlowTest {

  @TempDir static Path work;
  private static FlowOptions options;
  private static final Map<String, FlowReport> RUNS = new HashMap<>();

  @BeforeAll
  static void needsYosysAndThePdk() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    // OpenLane is not packaged for Debian; make sure the flow takes the "not installed" path.
    System.setProperty("gatewright.tool.openlane", work.resolve("no-openlane").toString());
    options = FlowOptions.builder().runsRoot(work.resolve("runs")).pdkRoot(TestPdk.root())
        .clockMhz(100).build();
  }

  @AfterAll
  static void forgetOpenLane() {
    System.clearProperty("gatewright.tool.openlane");
  }

  static synchronized FlowReport sky130(String top) {
    return RUNS.computeIfAbsent(top, t -> {
      FlowReport report = Sky130Flow.run(TestDesigns.load(t, work.resolve("designs")), options);
      System.out.println(report);
      return report;
    });
  }

  private static double area(String top) {
    return sky130(top).measure(FlowReport.AREA_UM2).orElseThrow();
  }

  @Test
  void areaGrowsWithWidth() {
    double a8 = area("adder8");
    double a16 = area("adder16");
    double a32 = area("adder32");
    assertTrue(a8 < a16 && a16 < a32, a8 + " < " + a16 + " < " + a32 + " um2");
  }

  @Test
  void pruningWeightsLowersArea() {
    assertTrue(area("dot4_shift_add_pruned") < area("dot4_shift_add"));
    assertTrue(area("mul_var2") < area("mul_var4"));
  }

  @Test
  void reportsFlipFlopsCellsByTypeAndTheAbcDelayEstimate() {
    FlowReport report = sky130("mul_var2");
    assertEquals(2 * (8 + 8) + 2 * 16, report.resource(FlowReport.FLIP_FLOPS));
    assertEquals(report.resource(FlowReport.FLIP_FLOPS),
        report.cellsByType().getOrDefault("sky130_fd_sc_hd__dfxtp_1", 0L)
            + report.cellsByType().getOrDefault("sky130_fd_sc_hd__dfxtp_2", 0L)
            + report.cellsByType().getOrDefault("sky130_fd_sc_hd__dfxtp_4", 0L));
    assertEquals(report.resource(FlowReport.CELLS),
        report.cellsByType().values().stream().mapToLong(Long::longValue).sum());
    double delay = report.measure(FlowReport.DELAY_NS).orElseThrow();
    assertTrue(delay > 0.5 && delay < 10, "an 8x8 multiplier takes a few ns, ABC said " + delay);
    assertEquals(10.0, report.measure(FlowReport.CLOCK_PERIOD_NS).orElseThrow(), 1e-9);
  }

  @Test
  void theAreaIsTheSumOfTheLibertyAreasOfTheCellsAndUsesNoDontUseCell() {
    FlowReport report = sky130("dot4_shift_add");
    Liberty liberty = Liberty.sky130Synthesis(Pdk.sky130Hd(TestPdk.root()), work.resolve("runs/.cache"));
    for (String cell : report.cellsByType().keySet()) {
      assertTrue(liberty.areas().containsKey(cell), cell + " is not in the synthesis liberty");
    }
    double sum = Sky130Flow.cellArea(new YosysStats(report.resource(FlowReport.CELLS),
        report.cellsByType()), liberty);
    assertEquals(sum, report.measure(FlowReport.AREA_UM2).orElseThrow(), 0.01);
  }

  @Test
  void withoutOpenLaneTheReportSaysSoAndTheConfigIsReadyInTheRunFolder() throws Exception {
    FlowReport report = sky130("adder8");
    Path config = report.runDirectory().resolve("openlane/config.json");
    assertTrue(Files.isRegularFile(config));
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("openlane/src/adder8.sv")));
    assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("OpenLane is not installed")
        && n.contains(config.getParent().toString())), report.notes().toString());
    assertTrue(Files.readString(config).contains("\"DESIGN_NAME\" : \"adder8\""));
    for (String file : new String[] {"synth.ys", "synth.log", "abc.script", "netlist.v", "report.json"}) {
      assertTrue(Files.isRegularFile(report.runDirectory().resolve(file)), file);
    }
  }
}
