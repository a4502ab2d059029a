package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowReport;
import dev.gatewright.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

  @TempDir
  Path directory;

  /** Runs the command line, checks the exit code and returns stdout and stderr. */
  private static String[] runCapturing(int expectedExit, String... args) {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(outStream);
      System.setErr(errStream);
      int exit = Main.run(args);
      assertEquals(expectedExit, exit, () -> out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  private static void assertOneClearLine(String stderr, String expected) {
    assertEquals(1, stderr.lines().count(), stderr);
    assertTrue(stderr.contains(expected), stderr);
    assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), stderr);
  }

  @Test
  void synthesizingTheExampleGridForXc7ReportsDspsAndWritesTheJsonReport() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    Path runs = directory.resolve("runs");
    String[] output = runCapturing(0, "synth", "--target", "xc7", "--example-size", "2",
        "--runs", runs.toString());
    String table = output[0];
    String dspRow = table.lines().filter(l -> l.startsWith(FlowReport.DSP48E1)).findFirst()
        .orElseThrow(() -> new AssertionError("no DSP48E1 row in\n" + table));
    long dsps = Long.parseLong(dspRow.substring(FlowReport.DSP48E1.length()).strip().split("\\s+")[0]);
    assertTrue(dsps > 0, table);
    assertTrue(Files.isRegularFile(runs.resolve("mac_grid_2x2/mac_grid_2x2.f")), table);
    Path json = Path.of(table.lines().filter(l -> l.startsWith("xc7 report: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no report path in\n" + table)).substring("xc7 report: ".length()));
    assertEquals(dsps, FlowReport.read(json).resource(FlowReport.DSP48E1));
  }

  @Test
  void anUnknownTargetIsAOneLineUsageError() {
    String[] output = runCapturing(2, "synth", "--target", "virtex2", "--runs", directory.toString());
    assertOneClearLine(output[1], "unknown target 'virtex2'; expected one of xc7, ice40");
    assertTrue(output[0].isEmpty(), output[0]);
  }

  @Test
  void aMissingFileListIsAOneLineUsageError() {
    Path missing = directory.resolve("nowhere/top.f");
    String[] output = runCapturing(2, "synth", "--target", "xc7", "--file-list", missing.toString(),
        "--top", "top", "--runs", directory.toString());
    assertOneClearLine(output[1], "the file list " + missing + " does not exist");
  }

  @Test
  void aMissingPdkFailsBeforeAnyRunWithOneLine() {
    Path noPdk = directory.resolve("no-pdk");
    Path runs = directory.resolve("runs");
    String[] output = runCapturing(1, "synth", "--target", "xc7", "--target", "sky130",
        "--pdk-root", noPdk.toString(), "--runs", runs.toString());
    assertOneClearLine(output[1], "no sky130_fd_sc_hd liberty at " + noPdk);
    assertFalse(Files.exists(runs), "nothing should run without the PDK");
  }

  @Test
  void aTargetIsRequired() {
    String[] output = runCapturing(2, "synth", "--example-size", "2");
    assertOneClearLine(output[1], "Missing required option: '--target=TARGET'");
  }
}
