package dev.gatewright.hdl;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.designs.TestDesigns;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Emitted SystemVerilog passes Verilator -Wall, Yosys and Icarus, and is byte-identical run to run. */
class EmissionTest {

  @TempDir
  Path directory;

  @Test
  void counterPassesAllThreeTools() {
    EmittedDesign design = assertCleanInAllTools(TestDesigns.counter(), directory);
    String text = design.file("counter").text();
    assertTrue(text.contains("logic [7:0] count;"), text);
    assertTrue(text.contains("// uint(8), TestDesigns.java:"), text);
  }

  @Test
  void firFilterWithFixedCoefficientsPassesAllThreeTools() {
    EmittedDesign design = assertCleanInAllTools(TestDesigns.fir(), directory);
    assertTrue(design.file("fir4").text().contains("// sfix(10,6)"));
  }

  @Test
  void threeLevelHierarchyWithRomAndMemoryPassesAllThreeTools() throws IOException {
    EmittedDesign design = assertCleanInAllTools(TestDesigns.hierarchy(), directory);
    assertEquals(List.of("square_lut", "buffer", "system"), design.files().stream().map(EmittedDesign.SvFile::module).toList());
    assertEquals("square_lut.sv\nbuffer.sv\nsystem.sv\n", Files.readString(directory.resolve("system.f")));
  }

  @Test
  void everyOperatorAndEveryResizeModePassesAllThreeTools() {
    assertCleanInAllTools(TestDesigns.everyOperator(), directory);
  }

  @Test
  void exampleGeneratorsPassAllThreeTools() {
    assertCleanInAllTools(dev.gatewright.hdl.examples.MacGrid.square(3).build(), directory.resolve("grid"));
    assertCleanInAllTools(dev.gatewright.hdl.examples.DotProductPipeline.sixteenLanes().build(), directory.resolve("dot"));
  }

  @Test
  void romAddressedByPartOfASignalPassesAllThreeTools() {
    Component<Void> module = Hdl.module("rom_slice", m -> {
      var x = m.input("x", Hdl.uint(8));
      m.output("y", Hdl.uint(4)).assign(m.rom("table", Hdl.uint(4), 3, 1, 4, 1, 5, 9, 2, 6).read(x.slice(6, 4)));
    });
    assertCleanInAllTools(module, directory);
  }

  @Test
  void keywordsAndClashingNamesAreRenamedDeterministically() {
    EmittedDesign design = assertCleanInAllTools(TestDesigns.awkwardNames(), directory);
    String text = design.file("names").text();
    assertTrue(text.contains("input  logic [3:0] input_"), text);
    assertTrue(text.contains("output logic [3:0] module_"), text);
    assertTrue(text.contains("logic [3:0] reg_;"), text);
    assertTrue(text.contains("logic [3:0] tmp;") && text.contains("logic [3:0] tmp_1;"), text);
  }

  @Test
  void sameDesignEmitsByteIdenticalText() {
    assertDeterministic(TestDesigns::everyOperator);
    assertDeterministic(TestDesigns::hierarchy);
    assertDeterministic(TestDesigns::fir);
  }

  /** A 4-bit leaf: x in, y out. */
  static final class LeafIo extends Bundle {
    final UInt x = input("x", Hdl.uint(4));
    final UInt y = output("y", Hdl.uint(4));
  }

  @Test
  void moduleBuiltTwiceWithTheSameContentsIsEmittedOnce() {
    BundleType<LeafIo> io = Hdl.bundle(LeafIo::new);
    Component<LeafIo> first = Hdl.module("leaf", io, (m, p) -> p.y.assign(p.x.not()));
    Component<LeafIo> second = Hdl.module("leaf", io, (m, p) -> p.y.assign(p.x.not()));
    Component<LeafIo> different = Hdl.module("leaf", io, (m, p) -> p.y.assign(p.x));
    Component<Void> top = Hdl.module("top", m -> {
      var x = m.input("x", Hdl.uint(4));
      LeafIo a = m.instance("a", first);
      LeafIo b = m.instance("b", second);
      LeafIo c = m.instance("c", different);
      a.x.assign(x);
      b.x.assign(x);
      c.x.assign(x);
      m.output("y", Hdl.uint(4)).assign(a.y.xor(b.y).xor(c.y));
    });
    EmittedDesign design = SystemVerilog.emit(top);
    assertEquals(List.of("leaf", "leaf_1", "top"), design.files().stream().map(EmittedDesign.SvFile::module).toList());
    assertCleanInAllTools(top, directory);
  }

  @Test
  void writesFilesAtomicallyAndLeavesNoTemporaries() throws IOException {
    SystemVerilog.write(TestDesigns.hierarchy(), directory);
    SystemVerilog.write(TestDesigns.hierarchy(), directory);
    try (var files = Files.list(directory)) {
      assertEquals(List.of("buffer.sv", "square_lut.sv", "system.f", "system.sv"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void activeLowResetIsEmittedAsRstN() {
    Component<Void> module = Hdl.module("low", m -> {
      m.resetActiveLow();
      m.output("y", Hdl.uint(2)).assign(m.reg("r", m.input("x", Hdl.uint(2))).init(1));
    });
    String text = assertCleanInAllTools(module, directory).file("low").text();
    assertTrue(text.contains("if (!rst_n) r <= 2'h1;"), text);
  }

  @Test
  void registerWithEnableAndModuleToStringIsItsSystemVerilog() {
    Component<Void> module = Hdl.module("enabled", m -> {
      var load = m.input("load", Hdl.bool());
      var r = m.reg("r", Hdl.uint(3)).enable(load);
      r.assign(m.input("x", Hdl.uint(3)));
      m.output("y", Hdl.uint(3)).assign(r);
    });
    assertTrue(module.toString().contains("if (load) r <= x;"), module.toString());
    assertCleanInAllTools(module, directory);
  }
}
