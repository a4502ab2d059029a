package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir
  Path directory;


  @Test
  void exampleWritesTheDesignAndReportsEachLintTool() {
    String output = CliRun.run(0, "example", "--size", "3", "--out", directory.toString());
    assertTrue(Files.exists(directory.resolve("mac_grid_3x3.f")), output);
    assertTrue(Files.exists(directory.resolve("mac_grid_3x3.sv")), output);
    for (String tool : new String[] {"verilator", "yosys", "iverilog"}) {
      assertTrue(output.contains(tool + ": clean") || output.contains("skipped " + tool), output);
    }
  }

  @Test
  void badOptionValueGivesAClearErrorNotAStackTrace() {
    String output = CliRun.run(2, "example", "--size", "three");
    assertTrue(output.contains("Invalid value for option '--size'"), output);
    assertTrue(!output.contains("\tat "), output);
  }

  @Test
  void benchWithoutASubcommandPrintsItsUsage() {
    String output = CliRun.run(0, "bench");
    assertTrue(output.contains("Usage: gatewright bench"), output);
    assertTrue(output.contains("elaboration") && output.contains("sim"), output);
  }

  @Test
  void openLaneConfigsRegeneratesTheRegisteredDesignsIntoTheGivenFolder() {
    String output = CliRun.run(0, "openlane-configs", "--out", directory.toString());
    assertTrue(output.contains("wrote ") || output.contains("no designs are registered"), output);
  }

  @Test
  void helpPrintsNoFormatWarning() {
    for (String command : new String[] {"demo", "demo mnist", "build", "export", "example", "synth", "bench",
        "openlane-configs"}) {
      String output = CliRun.run(0, (command + " --help").split(" "));
      assertTrue(!output.contains("WARN"), output);
    }
    String output = CliRun.run(0, "--help");
    assertTrue(!output.contains("WARN") && output.contains("76.2% accurate"), output);
  }
}
