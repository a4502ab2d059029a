package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SKY130 flow's timing with OpenSTA, on a design whose enable drives 256 flip-flops. */
class Sky130TimingTest {

  /** A 256-bit register that XORs in a 64-bit word when {@code en} is high: {@code en} has 256 loads. */
  static final String WIDE_ENABLE = """
      module wide_enable (
        input  logic clk,
        input  logic en,
        input  logic [63:0] d,
        output logic [63:0] q
      );
        logic [255:0] acc;
        always_ff @(posedge clk) if (en) acc <= acc ^ {d, d, d, d};
        assign q = acc[63:0] ^ acc[127:64] ^ acc[191:128] ^ acc[255:192];
      endmodule
      """;

  @TempDir static Path work;
  private static DesignFiles design;
  private static FlowOptions options;
  private static FlowReport report;

  @BeforeAll
  static void synthesizeAndTime() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    Assumptions.assumeTrue(Tool.STA.isAvailable(), "sta is not installed (Debian package 'opensta')");
    System.setProperty("gatewright.tool.openlane", work.resolve("no-openlane").toString());
    Path source = Files.writeString(Files.createDirectories(work.resolve("src")).resolve("wide_enable.sv"), WIDE_ENABLE);
    design = DesignFiles.of("wide_enable", source);
    options = FlowOptions.builder().runsRoot(work.resolve("runs")).pdkRoot(TestPdk.root()).clockMhz(250).build();
    report = Sky130Flow.run(design, options);
    System.out.println(report);
  }

  @AfterAll
  static void forgetOpenLane() {
    System.clearProperty("gatewright.tool.openlane");
  }

  @Test
  void theHighFanoutEnableIsBufferedBeforeTiming() throws Exception {
    long buffers = report.resource(FlowReport.FANOUT_BUFFERS);
    assertTrue(buffers >= 4, "the enable reaches 256 flip-flops through nets of more than 16 loads: " + buffers);
    String timed = Files.readString(report.runDirectory().resolve(Sky130Flow.TIMED_NETLIST));
    assertTrue(timed.contains("sky130_fd_sc_hd__buf_4 fanout_buf_" + buffers + " ("), "the buffers are in the timed netlist");
    assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("timing: OpenSTA on netlist_timed.v")
        && n.contains(buffers + " fanout buffers")), report.notes().toString());
  }

  @Test
  void reportsWnsTnsTheWorstSlackAndTheFmaxOfTheSlowestPathBesideAbcs() {
    double period = report.measure(FlowReport.CLOCK_PERIOD_NS).orElseThrow();
    double slack = report.measure(FlowReport.WORST_SLACK_NS).orElseThrow();
    assertEquals(Math.min(0, slack), report.measure(FlowReport.WNS_NS).orElseThrow(), 0.01);
    assertTrue(report.measure(FlowReport.TNS_NS).orElseThrow() <= 0);
    assertEquals(1000 / (period - slack), report.measure(FlowReport.FMAX_MHZ).orElseThrow(), 0.01);
    double abc = report.measure(FlowReport.DELAY_NS).orElseThrow();
    assertEquals(1000 / abc, report.measure(FlowReport.ABC_FMAX_MHZ).orElseThrow(), 0.01);
    assertTrue(period - slack > 2 * abc, "ABC's estimate leaves out what the loads on en cost: ABC " + abc
        + " ns, OpenSTA " + (period - slack) + " ns");
  }

  @Test
  void theCriticalPathNamesItsStartEndAndEveryCellInTheDesignsNames() {
    CriticalPath path = report.criticalPath();
    assertNotNull(path);
    assertTrue(path.stages() >= 2, path.toString());
    assertEquals(path.arrivalNs(), path.points().get(path.points().size() - 1).arrivalNs(), 1e-9);
    assertEquals(path.slackNs(), report.measure(FlowReport.WORST_SLACK_NS).orElseThrow(), 1e-9);
    assertTrue(path.endpoint().startsWith("acc[") || path.endpoint().startsWith("q["), path.endpoint());
    assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("OpenSTA: the slowest path runs from "
        + path.startpoint() + " to " + path.endpoint())), report.notes().toString());
    FlowReport read = FlowReport.read(report.runDirectory().resolve("report.json"));
    assertEquals(path, read.criticalPath(), "report.json carries the path whole");
  }

  @Test
  void aClockTooFastForTheDesignGivesNegativeWnsAndTns() throws Exception {
    Path dir = report.runDirectory();
    Liberty liberty = Liberty.sky130Synthesis(Pdk.sky130Hd(TestPdk.root()), work.resolve("runs/.cache"));
    OpenSta.Timing fast = OpenSta.run(dir, Sky130Flow.TIMED_NETLIST, liberty.file(), "wide_enable", "clk", 0.2,
        Duration.ofMinutes(2));
    assertTrue(fast.wnsNs() < 0, "WNS " + fast.wnsNs());
    assertEquals(fast.worstSlackNs(), fast.wnsNs(), 0.01);
    assertTrue(fast.tnsNs() <= fast.wnsNs(), "TNS " + fast.tnsNs() + " sums every failing endpoint");
    assertEquals(report.measure(FlowReport.FMAX_MHZ).orElseThrow(), fast.fmaxMhz(), 0.5,
        "the slowest path allows the same clock whatever clock it was timed at");
  }

  @Test
  void withoutBuffersTheSameNetlistTimesSlowerBecauseItsHighFanoutNetsAreSlow() {
    Path dir = report.runDirectory();
    GateNetlist netlist = GateNetlist.readYosysJson(dir.resolve("netlist.json"), "wide_enable");
    FanoutBuffering.Result buffered = FanoutBuffering.sky130Hd().apply(netlist, "clk", Set.of("sky130_fd_sc_hd__conb_1"));
    assertTrue(buffered.largestFanoutBefore() > 16, "largest fanout " + buffered.largestFanoutBefore());
    try {
      Files.writeString(dir.resolve("netlist_unbuffered.v"), netlist.toVerilog());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Liberty liberty = Liberty.sky130Synthesis(Pdk.sky130Hd(TestPdk.root()), work.resolve("runs/.cache"));
    OpenSta.Timing unbuffered = OpenSta.run(dir, "netlist_unbuffered.v", liberty.file(), "wide_enable", "clk", 4,
        Duration.ofMinutes(2));
    assertTrue(unbuffered.fmaxMhz() < report.measure(FlowReport.FMAX_MHZ).orElseThrow(),
        "unbuffered " + unbuffered.fmaxMhz() + " MHz, buffered " + report.measure(FlowReport.FMAX_MHZ).orElseThrow());
  }
}
