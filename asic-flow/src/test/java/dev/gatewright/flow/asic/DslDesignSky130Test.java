package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DslDesigns;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.hdl.Module;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Designs built with the DSL and emitted by it go through the SKY130 flow as users' designs do. */
class DslDesignSky130Test {

  @TempDir static Path work;
  private static FlowOptions options;

  @BeforeAll
  static void needsYosysAndThePdk() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    System.setProperty("gatewright.tool.openlane", work.resolve("no-openlane").toString());
    options = FlowOptions.builder().runsRoot(work.resolve("runs")).pdkRoot(TestPdk.root()).build();
  }

  @AfterAll
  static void forgetOpenLane() {
    System.clearProperty("gatewright.tool.openlane");
  }

  private static FlowReport sky130(Module design) {
    FlowReport report = Sky130Flow.run(DslDesigns.emit(design, work.resolve("designs")), options);
    System.out.println(report);
    return report;
  }

  @Test
  void areaOfADslAdderGrowsWithWidth() {
    double a8 = sky130(DslDesigns.adder(8)).measure(FlowReport.AREA_UM2).orElseThrow();
    double a16 = sky130(DslDesigns.adder(16)).measure(FlowReport.AREA_UM2).orElseThrow();
    double a32 = sky130(DslDesigns.adder(32)).measure(FlowReport.AREA_UM2).orElseThrow();
    assertTrue(a8 < a16 && a16 < a32, a8 + " < " + a16 + " < " + a32 + " um2");
  }

  @Test
  void aDslAdderHasOneFlipFlopPerRegisteredBit() {
    assertEquals(16 + 16 + 17, sky130(DslDesigns.adder(16)).resource(FlowReport.FLIP_FLOPS));
  }
}
