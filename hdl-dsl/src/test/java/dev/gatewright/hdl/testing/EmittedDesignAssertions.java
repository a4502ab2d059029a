package dev.gatewright.hdl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.tool.Lint;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Checks every generator's output must pass: the three tools, and byte-identical re-emission. */
public final class EmittedDesignAssertions {

  private EmittedDesignAssertions() {}

  /**
   * Writes the design into {@code directory} and asserts that Verilator {@code -Wall}, Yosys and
   * Icarus accept its file list without a warning. Where a tool is missing the test is reported as
   * skipped (CI installs them all).
   */
  public static EmittedDesign assertCleanInAllTools(Component<?> top, Path directory) {
    EmittedDesign design = SystemVerilog.write(top, directory);
    Path fileList = directory.resolve(design.fileListName());
    for (Tool tool : new Tool[] {Tool.VERILATOR, Tool.YOSYS, Tool.IVERILOG}) {
      Assumptions.assumeTrue(tool.isAvailable(), tool.name() + " is not installed (" + tool.provider() + ")");
    }
    Lint.Result verilator = Lint.verilator(fileList, design.top());
    assertTrue(verilator.passed(), () -> verilator + "\n" + design.files());
    Lint.Result yosys = Lint.yosys(fileList, design.top());
    assertTrue(yosys.passed(), yosys::toString);
    Lint.Result iverilog = Lint.iverilog(fileList, design.top());
    assertTrue(iverilog.passed(), iverilog::toString);
    return design;
  }

  /** Emitting the same design twice gives the same bytes. */
  public static void assertDeterministic(java.util.function.Supplier<? extends Component<?>> build) {
    EmittedDesign first = SystemVerilog.emit(build.get());
    EmittedDesign second = SystemVerilog.emit(build.get());
    assertEquals(first, second, "two elaborations of the same design emitted different SystemVerilog");
  }
}
