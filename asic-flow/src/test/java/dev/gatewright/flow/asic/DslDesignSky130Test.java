package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DslDesigns;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.hdl.Component;
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

  private static FlowReport sky130(Component<?> design) {
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

  @Test
  void aHierarchicalRunAddsUpEachModuleTimesItsInstancesAndAgreesWithTheFlatRun() {
    var design = DslDesigns.emit(DslDesigns.twoLevels(), work.resolve("designs"));
    FlowReport flat = Sky130Flow.run(design, options);
    FlowReport hierarchical = Sky130Flow.run(design, options.toBuilder().hierarchical(true).jobs(2).build());
    System.out.println(hierarchical);

    assertEquals(flat.resource(FlowReport.FLIP_FLOPS), hierarchical.resource(FlowReport.FLIP_FLOPS));
    assertEquals(4 * (8 + 8 + 16), hierarchical.resource(FlowReport.FLIP_FLOPS), "four leaves, each 32 flops");
    double flatArea = flat.measure(FlowReport.AREA_UM2).orElseThrow();
    double hierarchicalArea = hierarchical.measure(FlowReport.AREA_UM2).orElseThrow();
    // the wrappers only pass ports through, so only ABC's choices may differ
    assertTrue(Math.abs(hierarchicalArea - flatArea) <= 0.03 * flatArea, hierarchicalArea + " vs " + flatArea + " um2");
    assertTrue(hierarchical.measure(FlowReport.DELAY_NS).orElseThrow() > 0);
    assertTrue(hierarchical.notes().stream().anyMatch(n -> n.startsWith("module dsl_mul1 x4:")), hierarchical.toString());
  }

  @Test
  void theFlatAreaIsTheAreaYosysPrintsForTheMappedCells() throws Exception {
    FlowReport report = sky130(DslDesigns.adder(8));
    String log = java.nio.file.Files.readString(report.runDirectory().resolve("synth.log"));
    java.util.regex.Matcher chip = java.util.regex.Pattern.compile("Chip area for module '[^']*':\\s*([0-9.]+)").matcher(log);
    assertTrue(chip.find(), "no Chip area in synth.log");
    assertEquals(Double.parseDouble(chip.group(1)), report.measure(FlowReport.AREA_UM2).orElseThrow(), 0.01);
  }
}
