package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Ice40Device;
import dev.gatewright.flow.TestDesigns;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ice40FlowTest {

  @TempDir Path work;

  @BeforeAll
  static void needsTheIce40Tools() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable()
        && Tool.ICEPACK.isAvailable(), "yosys, nextpnr-ice40 or icepack is not installed"
        + " (Debian packages 'yosys', 'nextpnr-ice40', 'fpga-icestorm')");
  }

  @Test
  void placesAndRoutesOnAnHx8kAndReportsUtilizationAndFmax() {
    FlowReport report = Ice40Flow.run(TestDesigns.load("mul_var2", work),
        FlowOptions.builder().runsRoot(work.resolve("runs")).clockMhz(40).build());
    System.out.println(report);

    assertEquals(7680, report.availableOf(FlowReport.ICESTORM_LC).getAsLong());
    long cells = report.resource(FlowReport.ICESTORM_LC);
    assertTrue(cells > 0 && cells < 7680, report.toString());
    assertEquals(2 * (8 + 8) + 2 * 16, report.resource(FlowReport.FF));
    double fmax = report.measure(FlowReport.FMAX_MHZ).orElseThrow();
    assertTrue(fmax > 10 && fmax < 500, "fmax " + fmax);
    assertEquals(40, report.measure(FlowReport.TARGET_MHZ).orElseThrow());
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("nextpnr.log")));
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("mul_var2.asc")));
  }

  @Test
  void deviceAndPackageAreConfigurableAndIcepackWritesTheBitstreamOnRequest() {
    FlowReport report = Ice40Flow.run(TestDesigns.load("adder8", work),
        FlowOptions.builder().runsRoot(work.resolve("runs"))
            .ice40Device(Ice40Device.parse("up5k-sg48")).bitstream(true).build());
    System.out.println(report);

    assertEquals(5280, report.availableOf(FlowReport.ICESTORM_LC).getAsLong());
    assertTrue(report.tool().contains("up5k-sg48"), report.tool());
    Path bitstream = report.runDirectory().resolve("adder8.bin");
    assertTrue(Files.isRegularFile(bitstream), "no bitstream in " + report.runDirectory());
    assertTrue(report.notes().stream().anyMatch(n -> n.contains(bitstream.toString())), report.toString());
  }

  @Test
  void theDefaultRunWritesNoBitstream() {
    FlowReport report = Ice40Flow.run(TestDesigns.load("adder8", work),
        FlowOptions.builder().runsRoot(work.resolve("runs")).build());
    assertTrue(Files.notExists(report.runDirectory().resolve("adder8.bin")));
  }
}
