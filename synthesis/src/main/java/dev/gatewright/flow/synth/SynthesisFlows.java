package dev.gatewright.flow.synth;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.ReportTable;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.asic.Sky130Flow;
import dev.gatewright.flow.fpga.Ice40Flow;
import dev.gatewright.flow.fpga.QuartusFlow;
import dev.gatewright.flow.fpga.VivadoFlow;
import dev.gatewright.flow.fpga.Xc7Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point to the synthesis flows, for the CLI and for Java programs that generate a
 * design and want to know what it costs:
 *
 * <pre>{@code
 * DesignFiles design = DesignFiles.fromFileList(Path.of("out/mac.f"), "mac");
 * FlowReport xc7 = SynthesisFlows.run(Target.XC7, design, FlowOptions.defaults());
 * System.out.println(xc7);   // a table
 * }</pre>
 *
 * <ul>
 *   <li>{@link Target#XC7}: Yosys {@code synth_xilinx} estimate; {@link #vendor} writes (and runs,
 *       where installed) the Vivado flow;
 *   <li>{@link Target#ICE40}: Yosys and nextpnr, Fmax and utilization, bitstream on request;
 *   <li>{@link Target#SKY130}: Yosys onto {@code sky130_fd_sc_hd}, area and delay, an OpenLane
 *       config, OpenLane itself on request when installed;
 *   <li>{@link Target#INTEL}: the Quartus project script, run where Quartus is installed.
 * </ul>
 *
 * A missing tool fails with a {@link dev.gatewright.tool.ToolNotFoundException} naming its package;
 * a failed run with a {@link FlowException} naming its run folder.
 */
public final class SynthesisFlows {

  private SynthesisFlows() {}

  public static FlowReport run(Target target, DesignFiles design, FlowOptions options) {
    return switch (target) {
      case XC7 -> Xc7Flow.run(design, options);
      case ICE40 -> Ice40Flow.run(design, options);
      case SKY130 -> Sky130Flow.run(design, options);
      case INTEL -> QuartusFlow.run(design, options);
    };
  }

  /** Runs several targets one after the other. */
  public static List<FlowReport> run(List<Target> targets, DesignFiles design, FlowOptions options) {
    List<FlowReport> reports = new ArrayList<>();
    for (Target target : targets) {
      reports.add(run(target, design, options));
    }
    return reports;
  }

  /** The vendor tool's flow for a target: Vivado for XC7, Quartus for INTEL. */
  public static FlowReport vendor(Target target, DesignFiles design, FlowOptions options) {
    return switch (target) {
      case XC7 -> VivadoFlow.run(design, options);
      case INTEL -> QuartusFlow.run(design, options);
      case ICE40, SKY130 -> throw new FlowException("target " + target
          + " has no vendor flow; its open flow is the real one: SynthesisFlows.run");
    };
  }

  /** Reports side by side as a text table. */
  public static String table(List<FlowReport> reports) {
    return ReportTable.render(reports);
  }
}
