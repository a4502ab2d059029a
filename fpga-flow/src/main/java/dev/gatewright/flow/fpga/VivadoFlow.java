package dev.gatewright.flow.fpga;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.FlowRun;
import dev.gatewright.flow.Target;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Vivado non-project batch flow: {@code build.tcl} reads the SystemVerilog, runs synth_design,
 * opt, place and route on {@link FlowOptions#xilinxPart()} with a clock at the target period, and
 * writes {@code utilization.rpt} and {@code timing_summary.rpt}. When {@code vivado} is on the PATH
 * the script runs and its reports are parsed ({@link VivadoReports}); otherwise the report says how
 * to run it.
 */
public final class VivadoFlow {

  public static final String TOOL = "vivado";
  public static final String SCRIPT = "build.tcl";

  private VivadoFlow() {}

  public static FlowReport run(DesignFiles design, FlowOptions options) {
    boolean installed = Tool.VIVADO.isAvailable();
    return FlowRun.execute(options, design.top(), "vivado", run -> {
      Path dir = run.dir();
      List<String> sources = design.copyInto(dir.resolve("src"));
      AtomicFiles.writeString(dir.resolve(SCRIPT), script(design.top(), sources, options));
      FlowReport.Builder report = FlowReport.builder(design.top(), Target.XC7,
          TOOL + " (" + options.xilinxPart() + ")");
      report.measure(FlowReport.TARGET_MHZ, options.clockMhz());
      if (!installed) {
        return report.status(FlowReport.Status.SCRIPTS_WRITTEN)
            .note("vivado is not on the PATH (" + Tool.VIVADO.provider() + "); run the flow with: cd "
                + run.finalDir() + " && vivado -mode batch -source " + SCRIPT
                + " (the reports appear as utilization.rpt and timing_summary.rpt)")
            .build();
      }
      ToolRunner.of(Tool.VIVADO).in(dir).timeout(options.timeout()).log(dir.resolve("vivado.log"))
          .run("-mode", "batch", "-nojournal", "-nolog", "-source", SCRIPT).requireSuccess();
      VivadoReports.read(dir, options.clockPeriodNs()).addTo(report);
      return report.build();
    });
  }

  /** The batch script; sources are file names in the {@code src} subfolder. */
  public static String script(String top, List<String> sources, FlowOptions options) {
    String period = String.format(Locale.ROOT, "%.3f", options.clockPeriodNs());
    StringBuilder tcl = new StringBuilder();
    tcl.append("# Vivado non-project batch flow for ").append(top).append(", written by gatewright.\n")
        .append("# Run in this folder: vivado -mode batch -source ").append(SCRIPT).append('\n')
        .append("set top ").append(top).append('\n')
        .append("set part ").append(options.xilinxPart()).append('\n')
        .append("set clock_port ").append(options.clockPort()).append('\n')
        .append("set clock_period ").append(period).append("\n\n");
    for (String source : sources) {
      tcl.append("read_verilog -sv ").append(tclWord("src/" + source)).append('\n');
    }
    tcl.append("\nsynth_design -top $top -part $part")
        .append(options.outOfContext() ? " -mode out_of_context" : "").append('\n')
        .append("if {[llength [get_ports -quiet $clock_port]] > 0} {\n")
        .append("  create_clock -name $clock_port -period $clock_period [get_ports $clock_port]\n")
        .append("}\n")
        .append("opt_design\n")
        .append("place_design\n")
        .append("route_design\n")
        .append("report_utilization -file utilization.rpt\n")
        .append("report_timing_summary -file timing_summary.rpt\n")
        .append("write_checkpoint -force ").append("post_route.dcp\n");
    return tcl.toString();
  }

  static String tclWord(String word) {
    if (!word.matches("[A-Za-z0-9_./+-]+")) {
      return "{" + word.replace("}", "\\}") + "}";
    }
    return word;
  }
}
