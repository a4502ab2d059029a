package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.fpga.Xc7Flow;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchicalSynthesisTest {

  @TempDir Path work;

  @Test
  void theHierarchyListsChildrenBeforeParentsAndCountsInstancesThroughEveryLevel() {
    ModuleHierarchy hierarchy = new ModuleHierarchy("top", Map.of(
        "top", Map.of("pair", 2L, "leaf", 1L),
        "pair", Map.of("leaf", 3L),
        "leaf", Map.of()), Map.of());
    assertEquals(List.of("leaf", "pair", "top"), hierarchy.bottomUp());
    assertEquals(Map.of("top", 1L, "pair", 2L, "leaf", 7L), hierarchy.instances());
  }

  @Test
  void aModuleThatInstantiatesItselfIsAnError() {
    ModuleHierarchy hierarchy = new ModuleHierarchy("top", Map.of(
        "top", Map.of("a", 1L), "a", Map.of("b", 1L), "b", Map.of("a", 1L)), Map.of());
    FlowException e = org.junit.jupiter.api.Assertions.assertThrows(FlowException.class, hierarchy::bottomUp);
    assertTrue(e.getMessage().contains("instantiates itself"), e.getMessage());
  }

  @Test
  void flattenedCellsAreEachModulesOwnCellsTimesItsInstances() {
    List<HierarchicalSynthesis.ModuleRun> runs = List.of(
        new HierarchicalSynthesis.ModuleRun("leaf", 4, new YosysStats(3, Map.of("LUT4", 2L, "FDRE", 1L)), null),
        new HierarchicalSynthesis.ModuleRun("top", 1, new YosysStats(1, Map.of("LUT4", 1L)), null));
    YosysStats flat = HierarchicalSynthesis.flattened(runs);
    assertEquals(Map.of("LUT4", 9L, "FDRE", 4L), flat.cellsByType());
    assertEquals(13, flat.cells());
  }

  @Test
  void onXc7TheHierarchicalRunCountsWhatTheFlatRunCounts() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    DesignFiles design = DslDesigns.emit(DslDesigns.twoLevels(), work.resolve("designs"));
    FlowOptions flat = FlowOptions.builder().runsRoot(work.resolve("runs")).build();
    FlowReport flatReport = Xc7Flow.run(design, flat);
    FlowReport hierarchical = Xc7Flow.run(design, flat.toBuilder().hierarchical(true).jobs(2).build());
    System.out.println(hierarchical);

    assertEquals(4, flatReport.resource(FlowReport.DSP48E1));
    assertEquals(4, hierarchical.resource(FlowReport.DSP48E1), "one DSP per multiplier in all four leaves");
    assertEquals(flatReport.resource(FlowReport.FF), hierarchical.resource(FlowReport.FF));
    assertEquals(flatReport.resource(FlowReport.LUT), hierarchical.resource(FlowReport.LUT));
    assertTrue(hierarchical.notes().stream().anyMatch(n -> n.startsWith("module dsl_mul1 x4:")), hierarchical.toString());
    assertTrue(hierarchical.notes().stream().anyMatch(n -> n.startsWith("hierarchical synthesis: 3 modules")),
        hierarchical.toString());
    for (String module : List.of("dsl_mul1", "dsl_mul_pair", "dsl_two_levels")) {
      assertTrue(java.nio.file.Files.isRegularFile(hierarchical.runDirectory().resolve("synth_" + module + ".log")));
    }
    assertTrue(java.nio.file.Files.isRegularFile(hierarchical.runDirectory().resolve("netlist.v")));
  }
}
