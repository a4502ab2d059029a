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

  /** The report that {@code "<flow> report: <path>"} in the output names. */
  private static FlowReport report(String stdout, String flow) {
    String prefix = flow + " report: ";
    return FlowReport.read(Path.of(stdout.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + flow + " report in\n" + stdout)).substring(prefix.length())));
  }

  @Test
  void theIce40DeviceAndPackageAreChosenAndABitstreamIsPackedOnRequest() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable() && Tool.ICEPACK.isAvailable(),
        "yosys, nextpnr-ice40 or icepack is not installed (Debian packages 'yosys', 'nextpnr-ice40', 'fpga-icestorm')");
    String[] output = runCapturing(0, "synth", "--target", "ice40", "--example-size", "1", "--ice40-device",
        "up5k-sg48", "--bitstream", "--clock-mhz", "12", "--runs", directory.resolve("runs").toString());
    FlowReport report = report(output[0], "ice40");
    assertEquals(5280, report.availableOf(FlowReport.ICESTORM_LC).getAsLong());
    assertTrue(report.tool().contains("up5k-sg48"), report.tool());
    assertEquals(1, report.resource(FlowReport.ICESTORM_DSP), "the UltraPlus maps the one multiplier to an SB_MAC16");
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("mac_grid_1x1.bin")));
  }

  @Test
  void xc7AlsoWritesTheVivadoScriptForTheChosenPartAndClockPortUnlessToldNot() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    Assumptions.assumeFalse(Tool.VIVADO.isAvailable(), "vivado is installed: it would run for real");
    String[] output = runCapturing(0, "synth", "--target", "xc7", "--example-size", "1", "--xilinx-part",
        "xc7k70tfbg676-2", "--clock-port", "clk", "--clock-mhz", "250", "--runs", directory.resolve("runs").toString());
    FlowReport vivado = report(output[0], "vivado");
    assertEquals(FlowReport.Status.SCRIPTS_WRITTEN, vivado.status());
    String tcl = Files.readString(vivado.runDirectory().resolve("build.tcl"));
    assertTrue(tcl.contains("set part xc7k70tfbg676-2") && tcl.contains("set clock_port clk"), tcl);
    assertTrue(tcl.contains("4.000"), "a 250 MHz clock is a 4 ns period:\n" + tcl);
    assertTrue(vivado.notes().stream().anyMatch(n -> n.contains("vivado -mode batch -source build.tcl")), vivado.toString());

    String[] yosysOnly = runCapturing(0, "synth", "--target", "xc7", "--example-size", "1", "--no-vendor",
        "--runs", directory.resolve("runs2").toString());
    assertFalse(yosysOnly[0].contains("vivado report: "), yosysOnly[0]);
  }

  @Test
  void hierarchicalInContextXc7RunsModuleByModuleAndCountsIoBuffers() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    String[] output = runCapturing(0, "synth", "--target", "xc7", "--example-size", "1", "--no-vendor",
        "--hierarchical", "--jobs", "1", "--timeout-minutes", "5", "--in-context",
        "--runs", directory.resolve("runs").toString());
    FlowReport report = report(output[0], "xc7");
    assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("hierarchical synthesis: ")), report.toString());
    assertTrue(report.resource(FlowReport.IO) > 0, "in context, ports get I/O buffers: " + report);
  }

  @Test
  void intelWritesTheQuartusScriptForTheChosenDevice() throws Exception {
    Assumptions.assumeFalse(Tool.QUARTUS_SH.isAvailable(), "quartus_sh is installed: it would run for real");
    String[] output = runCapturing(0, "synth", "--target", "intel", "--example-size", "1", "--intel-device",
        "Cyclone 10 GX:10CX085YF672E5G", "--runs", directory.resolve("runs").toString());
    FlowReport report = report(output[0], "intel");
    String tcl = Files.readString(report.runDirectory().resolve("build.tcl"));
    assertTrue(tcl.contains("Cyclone 10 GX") && tcl.contains("10CX085YF672E5G"), tcl);
  }

  @Test
  void sky130WithOpenLaneAskedForSaysOpenLaneIsNotInstalled() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    Assumptions.assumeFalse(Tool.OPENLANE.isAvailable(), "openlane is installed: it would run for real");
    Path pdk = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/pdk").normalize();
    Assumptions.assumeTrue(Files.isDirectory(pdk.resolve("sky130A")), "no SKY130 PDK at " + pdk);
    String[] output = runCapturing(0, "synth", "--target", "sky130", "--example-size", "1", "--openlane",
        "--pdk-root", pdk.toString(), "--runs", directory.resolve("runs").toString());
    FlowReport report = report(output[0], "sky130");
    assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("OpenLane is not installed")), report.toString());
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("openlane/config.json")));
  }

  @Test
  void badDeviceNamesAreOneLineUsageErrors() {
    assertOneClearLine(runCapturing(2, "synth", "--target", "ice40", "--ice40-device", "hx9k-ct256",
        "--runs", directory.toString())[1], "unknown iCE40 device 'hx9k'");
    assertOneClearLine(runCapturing(2, "synth", "--target", "intel", "--intel-device", "Cyclone V",
        "--runs", directory.toString())[1], "--intel-device takes FAMILY:DEVICE");
    assertOneClearLine(runCapturing(2, "synth", "--target", "xc7", "--jobs", "0",
        "--runs", directory.toString())[1], "jobs must be at least 1");
  }
}
