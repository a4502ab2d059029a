package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.DslDesigns;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hierarchical synthesis ({@link dev.gatewright.flow.HierarchicalSynthesis}) on a real target, xc7. */
class Xc7HierarchicalSynthesisTest {

  @TempDir Path work;

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
    assertTrue(hierarchical.notes().stream().noneMatch(n -> n.contains("synthesis cache")), hierarchical.toString());
  }

  @Test
  void aModuleSynthesizedOnceComesFromTheCacheUntilASourceChanges() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    DesignFiles design = DslDesigns.emit(DslDesigns.twoLevels(), work.resolve("designs"));
    FlowOptions options = FlowOptions.builder().runsRoot(work.resolve("runs")).hierarchical(true).build();
    FlowReport first = Xc7Flow.run(design, options);
    FlowReport second = Xc7Flow.run(design, options);

    assertTrue(second.notes().contains("3 of 3 modules came from the synthesis cache (.cache/modules under the runs"
        + " folder): same Yosys, script and sources"), second.toString());
    assertEquals(first.resources(), second.resources());
    String log = java.nio.file.Files.readString(second.runDirectory().resolve("synth_dsl_mul1.log"));
    assertTrue(log.contains("synth_xilinx"), "the cached log is the log of the run that made it");

    Path edited = work.resolve("edited");
    java.nio.file.Files.createDirectories(edited);
    for (Path file : design.files()) {
      java.nio.file.Files.copy(file, edited.resolve(file.getFileName()));
    }
    java.nio.file.Files.writeString(edited.resolve("dsl_mul1.sv"), "// edited\n",
        java.nio.file.StandardOpenOption.APPEND);
    FlowReport third = Xc7Flow.run(DesignFiles.of(design.top(), design.files().stream()
        .map(f -> edited.resolve(f.getFileName())).toArray(Path[]::new)), options);
    assertTrue(third.notes().stream().noneMatch(n -> n.contains("synthesis cache")), third.toString());
  }
}
