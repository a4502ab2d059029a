package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.TestDesigns;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Xc7FlowTest {

  @TempDir static Path work;
  private static final Map<String, FlowReport> RUNS = new HashMap<>();

  @BeforeAll
  static void needsYosys() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
  }

  /** Each design is synthesized once per test class. */
  static synchronized FlowReport xc7(String top) {
    return RUNS.computeIfAbsent(top, t -> {
      DesignFiles design = TestDesigns.load(t, work.resolve("designs"));
      FlowReport report = Xc7Flow.run(design, FlowOptions.builder().runsRoot(work.resolve("runs")).build());
      System.out.println(report);
      return report;
    });
  }

  @Test
  void dspCountEqualsTheNumberOfVariableMultipliers() {
    assertEquals(4, xc7("mul_var4").resource(FlowReport.DSP48E1));
    assertEquals(2, xc7("mul_var2").resource(FlowReport.DSP48E1));
  }

  @Test
  void aShiftAddDotProductUsesNoDsp() {
    FlowReport report = xc7("dot4_shift_add");
    assertEquals(0, report.resource(FlowReport.DSP48E1));
    assertTrue(report.resource(FlowReport.LUT) > 0, report.toString());
  }

  @Test
  void pruningWeightsLowersLuts() {
    long dense = xc7("dot4_shift_add").resource(FlowReport.LUT);
    long pruned = xc7("dot4_shift_add_pruned").resource(FlowReport.LUT);
    assertTrue(pruned < dense, "pruned " + pruned + " LUTs, dense " + dense);
  }

  @Test
  void anAdderUsesOneFlipFlopPerRegisteredBitAndMoreCarryChainsWhenWider() {
    FlowReport narrow = xc7("adder8");
    FlowReport wide = xc7("adder32");
    assertEquals(8 + 8 + 9, narrow.resource(FlowReport.FF));
    assertEquals(32 + 32 + 33, wide.resource(FlowReport.FF));
    assertTrue(wide.resource(FlowReport.CARRY4) > narrow.resource(FlowReport.CARRY4), wide.toString());
  }

  @Test
  void lutsBySizeAndInvertersAddUpToTheLutTotal() {
    FlowReport report = xc7("dot4_shift_add");
    long bySize = report.resource("INV");
    for (int size = 1; size <= 6; size++) {
      bySize += report.resource("LUT" + size);
    }
    assertEquals(report.resource(FlowReport.LUT), bySize);
  }

  @Test
  void aDesignYosysRejectsFailsNamingTheFailedRunFolderWithTheEndOfTheLog() throws Exception {
    Path source = Files.writeString(work.resolve("broken.sv"),
        "module broken(input logic clk, output logic y);\n  assign y = undeclared_signal +;\nendmodule\n");
    Path runs = work.resolve("broken-runs");
    FlowException e = assertThrows(FlowException.class,
        () -> Xc7Flow.run(DesignFiles.of("broken", source), FlowOptions.builder().runsRoot(runs).build()));
    try (Stream<Path> listed = Files.list(runs)) {
      Path failed = listed.filter(p -> p.getFileName().toString().endsWith(".failed")).findFirst()
          .orElseThrow(() -> new AssertionError("no failed run folder in " + runs));
      assertTrue(e.getMessage().contains(failed.toString()), e.getMessage());
      assertTrue(Files.isRegularFile(failed.resolve("synth.log")));
    }
    assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
  }

  @Test
  void theRunFolderHoldsSourcesScriptLogStatisticsAndReport() {
    FlowReport report = xc7("mul_var2");
    Path run = report.runDirectory();
    assertTrue(run.getFileName().toString().startsWith("mul_var2-xc7-"), run.toString());
    for (String file : new String[] {"src/mul_var.sv", "src/mul_var2.sv", "synth.ys", "synth.log",
        "stats.json", "netlist.v", "report.json", "report.txt"}) {
      assertTrue(Files.isRegularFile(run.resolve(file)), "missing " + file + " in " + run);
    }
    assertEquals(report, FlowReport.read(run.resolve("report.json")));
  }

  @Test
  void theTimingEstimateFollowsTheCarryChainAndFallsWithAdderWidth() {
    double previous = Double.POSITIVE_INFINITY;
    for (String adder : new String[] {"adder8", "adder16", "adder32"}) {
      FlowReport report = xc7(adder);
      double fmax = report.measure(FlowReport.ESTIMATED_FMAX_MHZ).orElseThrow();
      assertTrue(fmax < previous, adder + ": " + fmax + " MHz, not below " + previous);
      previous = fmax;
      assertTrue(report.measure(FlowReport.FMAX_MHZ).isEmpty(), "no routed Fmax without place and route");
      CriticalPath path = report.criticalPath();
      assertTrue(path.points().stream().anyMatch(p -> p.cell().equals("CARRY4")), path.toString());
      assertTrue(path.points().get(0).cell().startsWith("FD") && path.points().get(path.points().size() - 1)
          .cell().startsWith("FD"), "register to register: " + path);
      assertTrue(report.notes().stream().anyMatch(n -> n.contains("pre-placement estimate")), report.notes().toString());
    }
  }
}
