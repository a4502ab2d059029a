package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DslDesigns;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.hdl.Component;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Designs built with the DSL and emitted by it go through the FPGA flows as users' designs do. */
class DslDesignFpgaFlowsTest {

  @TempDir Path work;

  private FlowReport xc7(Component<?> design) {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    FlowReport report = Xc7Flow.run(DslDesigns.emit(design, work.resolve("designs")),
        FlowOptions.builder().runsRoot(work.resolve("runs")).build());
    System.out.println(report);
    return report;
  }

  @Test
  void eachVariableMultiplierOfADslDesignTakesExactlyOneDspOnXc7() {
    assertEquals(3, xc7(DslDesigns.multipliers(3)).resource(FlowReport.DSP48E1));
  }

  @Test
  void aDslShiftAddTimesThreeTakesNoDspOnXc7() {
    FlowReport report = xc7(DslDesigns.timesThree());
    assertEquals(0, report.resource(FlowReport.DSP48E1));
    assertTrue(report.resource(FlowReport.LUT) > 0, report.toString());
  }

  @Test
  void aDslAdderPlacesAndRoutesOnIce40WithOneFlipFlopPerRegisteredBit() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable(),
        "yosys or nextpnr-ice40 is not installed (Debian packages 'yosys', 'nextpnr-ice40')");
    FlowReport report = Ice40Flow.run(DslDesigns.emit(DslDesigns.adder(8), work.resolve("designs")),
        FlowOptions.builder().runsRoot(work.resolve("runs")).clockMhz(40).build());
    System.out.println(report);
    assertEquals(8 + 8 + 9, report.resource(FlowReport.FF));
    assertTrue(report.measure(FlowReport.FMAX_MHZ).orElseThrow() > 40, report.toString());
  }

  @Test
  void aShiftAddWhoseAdderReadsOneSignBitTwiceRoutesOnIce40AndTheRepairChangesNoLogic() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable(),
        "yosys or nextpnr-ice40 is not installed (Debian packages 'yosys', 'nextpnr-ice40')");
    FlowReport report = Ice40Flow.run(DslDesigns.emit(DslDesigns.timesThree(), work.resolve("designs")),
        FlowOptions.builder().runsRoot(work.resolve("runs")).clockMhz(40).timeout(java.time.Duration.ofMinutes(3))
            .build());
    System.out.println(report);
    // (x << 1) + x: both operands' top bits are x's sign bit, on one carry and on two LUTs
    assertTrue(report.notes().stream().anyMatch(n -> n.contains("carries that read one net twice: 1,")
        && n.contains("repeated LUT inputs folded: 1 ")), report.toString());
    assertTrue(report.measure(FlowReport.FMAX_MHZ).orElseThrow() > 40, report.toString());
    Ice40NetlistEquivalence.assertEquivalent(report.runDirectory().resolve("synth.json"),
        report.runDirectory().resolve("pnr.json"), work.resolve("equivalence"));
  }
}
