package dev.gatewright.flow.fpga;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.FlowRun;
import dev.gatewright.flow.Ice40Device;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.Yosys;
import dev.gatewright.flow.YosysStats;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real open flow on Lattice iCE40: Yosys {@code synth_ice40}, then {@code nextpnr-ice40} places
 * and routes at the target clock on the chosen device and package; utilization and the maximum
 * clock frequency come from nextpnr's JSON report. With {@link FlowOptions#bitstream()},
 * {@code icepack} writes {@code <top>.bin}.
 *
 * <p>No pin constraints are given: nextpnr places the I/O itself, so a design needs no more ports
 * than the package has pins.
 */
public final class Ice40Flow {

  public static final String TOOL = "yosys synth_ice40 + nextpnr-ice40";

  /** Seeds tried, one after the other, when nextpnr's router stalls. */
  static final int ROUTER_SEEDS = 3;

  private Ice40Flow() {}

  /**
   * Runs nextpnr on {@code pnr.json}, with the next seed whenever its router stalls; returns the
   * stalled attempts (empty when the first seed routed), or fails once {@link #ROUTER_SEEDS} stalled.
   */
  private static List<String> placeAndRoute(Path dir, String top, Ice40Device device, FlowOptions options) {
    List<String> stalls = new ArrayList<>();
    for (int seed = 1; seed <= ROUTER_SEEDS; seed++) {
      NextpnrRouterStall stall = new NextpnrRouterStall();
      ToolResult pnr = ToolRunner.of(Tool.NEXTPNR_ICE40).in(dir).timeout(options.timeout())
          .log(dir.resolve(seed == 1 ? "nextpnr.log" : "nextpnr-seed" + seed + ".log")).stopWhen(stall)
          .run("--" + device.device(), "--package", device.pack(),
              "--json", "pnr.json", "--asc", top + ".asc", "--report", "nextpnr-report.json",
              "--freq", String.format(Locale.ROOT, "%.3f", options.clockMhz()), "--seed", String.valueOf(seed),
              "--timing-allow-fail");
      if (pnr.exitCode() != ToolRunner.STOPPED) {
        pnr.requireSuccess();
        return stalls;
      }
      stalls.add("seed " + seed + " (" + stall.left() + " left, log " + pnr.log().getFileName() + ")");
    }
    throw new FlowException("nextpnr's router stopped converging with every seed tried: "
        + String.join(", ", stalls) + "; a known nextpnr bug (YosysHQ/nextpnr#179); a newer nextpnr,"
        + " another device or a small change to the design may route");
  }

  public static FlowReport run(DesignFiles design, FlowOptions options) {
    Tool.YOSYS.require();
    Tool.NEXTPNR_ICE40.require();
    if (options.bitstream()) {
      Tool.ICEPACK.require();
    }
    Ice40Device device = options.ice40Device();
    return FlowRun.execute(options, design.top(), Target.ICE40.id(), run -> {
      Path dir = run.dir();
      String top = design.top();
      List<String> sources = design.copyInto(dir.resolve("src"));
      Yosys.run(dir, "synth", Yosys.readSources(sources)
          + "synth_ice40 -top " + top + " -device " + device.family() + (device.hasDsp() ? " -dsp" : "")
          + " -json synth.json\n"
          + "tee -q -o stats.json stat -json\n", options.timeout());
      YosysStats stats = YosysStats.read(dir.resolve("stats.json"), top);
      Ice40Netlist.Repairs repairs = Ice40Netlist.repair(dir.resolve("synth.json"), dir.resolve("pnr.json"));

      List<String> stalls = placeAndRoute(dir, top, device, options);
      NextpnrReport pnr = NextpnrReport.read(dir.resolve("nextpnr-report.json"));

      FlowReport.Builder report = FlowReport.builder(top, Target.ICE40, TOOL + " (" + device + ")")
          .cells(stats.cellsByType());
      report.resource("LUT4", stats.count("SB_LUT4"));
      report.resource(FlowReport.FF, stats.countStartingWith("SB_DFF"));
      report.resource("SB_CARRY", stats.count("SB_CARRY"));
      pnr.utilization().forEach((resource, use) -> {
        if (use.used() > 0 || FlowReport.ICESTORM_LC.equals(resource)) {
          report.resource(resource, use.used()).available(resource, use.available());
        }
      });
      if (!stalls.isEmpty()) {
        report.note("nextpnr's router stopped converging (YosysHQ/nextpnr#179) with " + String.join(", ", stalls)
            + "; routed with seed " + (stalls.size() + 1));
      }
      if (repairs.any()) {
        report.note(String.format(Locale.ROOT, "to keep nextpnr's router from looping (YosysHQ/nextpnr#179):"
            + " carries that read one net twice: %d, each given a buffer LUT; repeated LUT inputs folded: %d"
            + " (pnr.json; synth.json is Yosys' netlist)", repairs.bufferedCarries(), repairs.foldedLutInputs()));
      }
      report.measure(FlowReport.TARGET_MHZ, options.clockMhz());
      if (pnr.fmaxMhz().isPresent()) {
        double fmax = pnr.fmaxMhz().getAsDouble();
        report.measure(FlowReport.FMAX_MHZ, fmax);
        if (fmax < options.clockMhz()) {
          report.note(String.format(Locale.ROOT, "timing is not met: %.2f MHz reached, %.2f MHz asked",
              fmax, options.clockMhz()));
        }
      } else {
        report.note("nextpnr found no register-to-register path, so there is no maximum clock"
            + " frequency; register the design's inputs and outputs to get one");
      }
      if (options.bitstream()) {
        ToolRunner.of(Tool.ICEPACK).in(dir).timeout(options.timeout())
            .log(dir.resolve("icepack.log")).run(top + ".asc", top + ".bin").requireSuccess();
        if (!Files.isRegularFile(dir.resolve(top + ".bin"))) {
          throw new IllegalStateException("icepack succeeded but wrote no " + top + ".bin");
        }
        report.note("bitstream: " + run.finalDir().resolve(top + ".bin"));
      }
      return report.build();
    });
  }
}
