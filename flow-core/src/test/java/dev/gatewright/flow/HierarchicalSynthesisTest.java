package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchicalSynthesisTest {

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
        new HierarchicalSynthesis.ModuleRun("leaf", 4, new YosysStats(3, Map.of("LUT4", 2L, "FDRE", 1L)), null, false),
        new HierarchicalSynthesis.ModuleRun("top", 1, new YosysStats(1, Map.of("LUT4", 1L)), null, false));
    YosysStats flat = HierarchicalSynthesis.flattened(runs);
    assertEquals(Map.of("LUT4", 9L, "FDRE", 4L), flat.cellsByType());
    assertEquals(13, flat.cells());
  }
}
