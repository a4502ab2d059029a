package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.TestDesigns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendor tools are not installed here; the flows are pointed at a missing executable on purpose. */
class VendorFlowTest {

  @TempDir Path work;
  private FlowOptions options;
  private DesignFiles design;

  @BeforeEach
  void withoutVendorTools() {
    System.setProperty("gatewright.tool.vivado", work.resolve("no-vivado").toString());
    System.setProperty("gatewright.tool.quartus_sh", work.resolve("no-quartus").toString());
    options = FlowOptions.builder().runsRoot(work.resolve("runs")).clockMhz(200).build();
    design = TestDesigns.load("mul_var2", work);
  }

  @AfterEach
  void forgetThem() {
    System.clearProperty("gatewright.tool.vivado");
    System.clearProperty("gatewright.tool.quartus_sh");
  }

  @Test
  void withoutVivadoTheBatchScriptIsWrittenAndTheReportSaysHowToRunIt() throws Exception {
    FlowReport report = VivadoFlow.run(design, options);

    assertEquals(FlowReport.Status.SCRIPTS_WRITTEN, report.status());
    assertEquals(Target.XC7, report.target());
    Path script = report.runDirectory().resolve("build.tcl");
    assertTrue(report.notes().get(0).contains("vivado -mode batch -source build.tcl"), report.toString());
    assertTrue(report.notes().get(0).contains(report.runDirectory().toString()), report.toString());
    String tcl = Files.readString(script);
    assertTrue(tcl.indexOf("read_verilog -sv src/mul_var.sv") < tcl.indexOf("read_verilog -sv src/mul_var2.sv"),
        "sources are read in dependency order:\n" + tcl);
    assertTrue(tcl.contains("synth_design -top $top -part $part -mode out_of_context"), tcl);
    assertTrue(tcl.contains("set clock_period 5.000"), tcl);
    assertTrue(tcl.contains("create_clock -name $clock_port -period $clock_period"), tcl);
    for (String step : new String[] {"place_design", "route_design",
        "report_utilization -file utilization.rpt", "report_timing_summary -file timing_summary.rpt"}) {
      assertTrue(tcl.contains(step), "missing " + step + " in\n" + tcl);
    }
    assertTrue(Files.isRegularFile(report.runDirectory().resolve("src/mul_var2.sv")));
  }

  @Test
  void withoutQuartusTheProjectScriptAndClockConstraintAreWritten() throws Exception {
    FlowReport report = QuartusFlow.run(design, options);

    assertEquals(FlowReport.Status.SCRIPTS_WRITTEN, report.status());
    assertEquals(Target.INTEL, report.target());
    assertTrue(report.notes().get(0).contains("quartus_sh -t build.tcl"), report.toString());
    String tcl = Files.readString(report.runDirectory().resolve("build.tcl"));
    assertTrue(tcl.contains("set_global_assignment -name TOP_LEVEL_ENTITY mul_var2"), tcl);
    assertTrue(tcl.contains("set_global_assignment -name SYSTEMVERILOG_FILE src/mul_var.sv"), tcl);
    assertTrue(tcl.contains("execute_flow -compile"), tcl);
    String sdc = Files.readString(report.runDirectory().resolve("constraints.sdc"));
    assertTrue(sdc.contains("create_clock -name {clk} -period 5.000 [get_ports {clk}]"), sdc);
  }
}
