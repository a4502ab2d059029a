package dev.gatewright.flow.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.TestDesigns;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthesisFlowsTest {

  @TempDir Path work;

  private static Path pdkRoot() {
    Path root = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/pdk").normalize();
    String env = System.getenv("PDK_ROOT");
    Path chosen = env != null && !env.isBlank() ? Path.of(env) : root;
    Assumptions.assumeTrue(Files.isDirectory(chosen.resolve("sky130A")), "no SKY130 PDK at " + chosen);
    return chosen;
  }

  @Test
  void runsEachRequestedTargetAndShowsTheResultsSideBySide() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable(),
        "yosys or nextpnr-ice40 is not installed");
    DesignFiles design = TestDesigns.load("adder16", work);
    FlowOptions options = FlowOptions.builder().runsRoot(work.resolve("runs")).pdkRoot(pdkRoot()).build();

    List<FlowReport> reports = SynthesisFlows.run(List.of(Target.XC7, Target.ICE40, Target.SKY130),
        design, options);
    String table = SynthesisFlows.table(reports);
    System.out.println(table);

    assertEquals(List.of(Target.XC7, Target.ICE40, Target.SKY130),
        reports.stream().map(FlowReport::target).toList());
    assertTrue(table.lines().findFirst().orElseThrow()
        .matches("metric\\s+adder16/xc7\\s+adder16/ice40\\s+adder16/sky130"), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("area_um2")), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("fmax_mhz")), table);
    for (FlowReport report : reports) {
      assertTrue(Files.isRegularFile(report.runDirectory().resolve("report.json")), report.runDirectory().toString());
    }
  }

  @Test
  void theOpenTargetsHaveNoVendorFlow() {
    DesignFiles design = TestDesigns.load("adder8", work);
    FlowOptions options = FlowOptions.builder().runsRoot(work.resolve("runs")).build();
    assertThrows(FlowException.class, () -> SynthesisFlows.vendor(Target.ICE40, design, options));
    assertThrows(FlowException.class, () -> SynthesisFlows.vendor(Target.SKY130, design, options));
  }

  @Test
  void targetsAreNamedAsOnTheCommandLine() {
    assertEquals(Target.XC7, Target.parse("xc7"));
    assertEquals(Target.SKY130, Target.parse(" SKY130 "));
    FlowException e = assertThrows(FlowException.class, () -> Target.parse("ecp5"));
    assertTrue(e.getMessage().contains("xc7, ice40, intel, sky130"), e.getMessage());
  }
}
