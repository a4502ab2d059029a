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
 * A Quartus Prime project script: {@code build.tcl} creates a project for
 * {@link FlowOptions#intelDevice()}, adds the SystemVerilog and an SDC clock at the target period,
 * and runs the full compile. When {@code quartus_sh} is on the PATH it runs and the fitter and timing
 * summaries are parsed ({@link QuartusReports}); otherwise the report says how to run it.
 */
public final class QuartusFlow {

  public static final String TOOL = "quartus";
  public static final String SCRIPT = "build.tcl";
  public static final String CONSTRAINTS = "constraints.sdc";

  private QuartusFlow() {}

  public static FlowReport run(DesignFiles design, FlowOptions options) {
    boolean installed = Tool.QUARTUS_SH.isAvailable();
    return FlowRun.execute(options, design.top(), "quartus", run -> {
      Path dir = run.dir();
      List<String> sources = design.copyInto(dir.resolve("src"));
      AtomicFiles.writeString(dir.resolve(SCRIPT), script(design.top(), sources, options));
      AtomicFiles.writeString(dir.resolve(CONSTRAINTS), constraints(options));
      FlowReport.Builder report = FlowReport.builder(design.top(), Target.INTEL,
          TOOL + " (" + options.intelFamily() + " " + options.intelDevice() + ")");
      report.measure(FlowReport.TARGET_MHZ, options.clockMhz());
      if (!installed) {
        return report.status(FlowReport.Status.SCRIPTS_WRITTEN)
            .note("quartus_sh is not on the PATH (" + Tool.QUARTUS_SH.provider() + "); run the flow"
                + " with: cd " + run.finalDir() + " && quartus_sh -t " + SCRIPT
                + " (the summaries appear in output_files/)")
            .build();
      }
      ToolRunner.of(Tool.QUARTUS_SH).in(dir).timeout(options.timeout())
          .log(dir.resolve("quartus.log")).run("-t", SCRIPT).requireSuccess();
      QuartusReports.read(dir.resolve("output_files"), design.top(), options.clockPeriodNs())
          .addTo(report);
      return report.build();
    });
  }

  /** The project script; sources are file names in the {@code src} subfolder. */
  public static String script(String top, List<String> sources, FlowOptions options) {
    StringBuilder tcl = new StringBuilder();
    tcl.append("# Quartus Prime project flow for ").append(top).append(", written by gatewright.\n")
        .append("# Run in this folder: quartus_sh -t ").append(SCRIPT).append('\n')
        .append("package require ::quartus::project\n")
        .append("package require ::quartus::flow\n\n")
        .append("project_new ").append(top).append(" -overwrite\n")
        .append("set_global_assignment -name FAMILY {").append(options.intelFamily()).append("}\n")
        .append("set_global_assignment -name DEVICE ").append(options.intelDevice()).append('\n')
        .append("set_global_assignment -name TOP_LEVEL_ENTITY ").append(top).append('\n')
        .append("set_global_assignment -name PROJECT_OUTPUT_DIRECTORY output_files\n");
    for (String source : sources) {
      tcl.append("set_global_assignment -name SYSTEMVERILOG_FILE ")
          .append(VivadoFlow.tclWord("src/" + source)).append('\n');
    }
    tcl.append("set_global_assignment -name SDC_FILE ").append(CONSTRAINTS).append('\n')
        .append("execute_flow -compile\n")
        .append("project_close\n");
    return tcl.toString();
  }

  static String constraints(FlowOptions options) {
    return String.format(Locale.ROOT,
        "if {[get_collection_size [get_ports -nowarn {%1$s}]] > 0} {\n"
            + "  create_clock -name {%1$s} -period %2$.3f [get_ports {%1$s}]\n"
            + "}\n"
            + "derive_clock_uncertainty\n",
        options.clockPort(), options.clockPeriodNs());
  }
}
