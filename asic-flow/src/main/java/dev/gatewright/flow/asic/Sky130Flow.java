package dev.gatewright.flow.asic;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.FlowRun;
import dev.gatewright.flow.HierarchicalSynthesis;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.Yosys;
import dev.gatewright.flow.YosysStats;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthesis onto SKY130 {@code sky130_fd_sc_hd} with Yosys: {@code synth -flatten}, flip-flops
 * mapped with {@code dfflibmap}, logic with {@code abc} at the target clock, both onto the
 * don't-use-filtered liberty ({@link Liberty#sky130Synthesis}). Reports cell area in µm², cells by
 * type, flip-flops and ABC's critical-path delay estimate, which ignores most fanout (a select net
 * driven into hundreds of pins costs it nothing).
 *
 * <p>Timing you can trust comes from OpenSTA where it is installed: Yosys' netlist gets a fanout
 * buffer tree on every net with more than 16 loads ({@link FanoutBuffering}, written as {@code
 * netlist_timed.v}), and {@link OpenSta} times it with a driving cell on the inputs and a load on the
 * outputs. The report then has WNS, TNS, the worst slack, the Fmax the slowest path allows beside the one
 * ABC's estimate would, and that path (start, end, every cell on it).
 *
 * <p>With {@link FlowOptions#hierarchical()} each module is mapped on its own ({@link
 * HierarchicalSynthesis}); the area is then the sum over modules of their cells' areas times their
 * instances, and the delay the worst module's.
 *
 * <p>Every run also writes an OpenLane 2 configuration into {@code openlane/}; with {@link
 * FlowOptions#launchOpenLane()} and {@code openlane} installed, OpenLane runs there and its final
 * metrics join the report.
 */
public final class Sky130Flow {

  public static final String TOOL = "yosys sky130_fd_sc_hd";
  public static final String OPENLANE_RUN_TAG = "gatewright";

  /** The netlist OpenSTA times: Yosys' with fanout buffers. */
  public static final String TIMED_NETLIST = "netlist_timed.v";

  private static final String TIE_CELL = "sky130_fd_sc_hd__conb_1";
  private static final String BUFFER_CELL = FanoutBuffering.SKY130_HD_BUFFER;

  private static final Pattern ABC_DELAY = Pattern.compile("Delay\\s*=\\s*([0-9.]+)\\s*ps");

  private Sky130Flow() {}

  public static FlowReport run(DesignFiles design, FlowOptions options) {
    Tool.YOSYS.require();
    Pdk pdk = Pdk.sky130Hd(options.pdkRoot());
    pdk.liberty();
    boolean openLaneInstalled = Tool.OPENLANE.isAvailable();
    Liberty liberty = Liberty.sky130Synthesis(pdk, options.runsRoot().resolve(".cache"));
    return FlowRun.execute(options, design.top(), Target.SKY130.id(), run -> {
      Path dir = run.dir();
      String top = design.top();
      List<String> sources = design.copyInto(dir.resolve("src"));
      long periodPs = Math.round(options.clockPeriodNs() * 1000);
      AtomicFiles.writeString(dir.resolve("abc.script"),
          "strash\ndch\nmap -D " + periodPs + "\ntopo\nstime -p\n");
      String lib = Yosys.quote(liberty.file().toAbsolutePath().toString());
      String readLiberty = "read_liberty -lib " + lib + "\n";
      FlowReport.Builder report = FlowReport.builder(top, Target.SKY130, TOOL + " " + pdk.corner());
      YosysStats stats;
      Double delayPs;
      OpenSta.Timing timing = null;
      if (options.hierarchical()) {
        List<HierarchicalSynthesis.ModuleRun> modules = HierarchicalSynthesis.run(dir, sources, top,
            readLiberty, module -> synthesis(module, lib, periodPs), List.of(liberty.file()), options);
        stats = HierarchicalSynthesis.flattened(modules);
        delayPs = null;
        String slowest = null;
        for (HierarchicalSynthesis.ModuleRun module : HierarchicalSynthesis.largestFirst(modules)) {
          Double moduleDelay = lastDelayPs(module.yosys().output());
          if (moduleDelay != null && (delayPs == null || moduleDelay > delayPs)) {
            delayPs = moduleDelay;
            slowest = module.module();
          }
          report.note(String.format(Locale.ROOT, "module %s x%d: %,.0f um2 and %,d cells each%s", module.module(),
              module.instances(), cellArea(module.ownCells(), liberty), module.ownCells().cells(),
              moduleDelay == null ? "" : String.format(Locale.ROOT, ", ABC delay %.2f ns", moduleDelay / 1000)));
        }
        HierarchicalSynthesis.notes(modules, "; the delay is the slowest module's ABC estimate (OpenSTA times"
            + " flat runs only)"
            + (slowest == null ? "" : " (" + slowest + ")") + ", paths through module ports are not timed whole")
            .forEach(report::note);
      } else {
        ToolResult yosys = Yosys.run(dir, "synth", readLiberty + Yosys.readSources(sources)
            + synthesis(top, lib, periodPs)
            + "tee -q -o stats.json stat -json\n"
            + "stat -liberty " + lib + "\n"
            + "write_verilog -noattr -noexpr netlist.v\n"
            + "write_json netlist.json\n", options.timeout());
        stats = YosysStats.read(dir.resolve("stats.json"), top);
        delayPs = lastDelayPs(yosys.output());
        if (Tool.STA.isAvailable()) {
          timing = time(dir, top, liberty, options, report);
        } else {
          report.note("OpenSTA is not installed (" + Tool.STA.provider() + "): the only delay is ABC's estimate,"
              + " which ignores fanout");
        }
      }
      report.cells(stats.cellsByType());
      report.resource(FlowReport.CELLS, stats.cells());
      report.resource(FlowReport.FLIP_FLOPS, stats.cellsByType().entrySet().stream()
          .filter(e -> liberty.flipFlops().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum());
      report.measure(FlowReport.AREA_UM2, cellArea(stats, liberty));
      report.measure(FlowReport.CLOCK_PERIOD_NS, options.clockPeriodNs());
      if (delayPs != null) {
        report.measure(FlowReport.DELAY_NS, delayPs / 1000);
        report.measure(FlowReport.ABC_FMAX_MHZ, round(1e6 / delayPs));
      } else {
        report.note("ABC printed no delay estimate (see the synthesis log)");
      }
      if (timing != null) {
        report.measure(FlowReport.FMAX_MHZ, round(timing.fmaxMhz()));
        report.measure(FlowReport.WNS_NS, timing.wnsNs());
        report.measure(FlowReport.TNS_NS, timing.tnsNs());
        report.measure(FlowReport.WORST_SLACK_NS, timing.worstSlackNs());
        if (timing.criticalPath() != null) {
          CriticalPath path = timing.criticalPath();
          report.criticalPath(path);
          report.note(String.format(Locale.ROOT, "OpenSTA: the slowest path runs from %s to %s through %d cells,"
              + " data arriving at %.2f ns%s", path.startpoint(), path.endpoint(), path.stages(), path.arrivalNs(),
              delayPs == null ? "" : String.format(Locale.ROOT, "; ABC estimated %.2f ns, the timed path is %.2fx"
                  + " that", delayPs / 1000, (timing.periodNs() - timing.worstSlackNs()) / (delayPs / 1000))));
        }
      }

      Path openLaneDir = dir.resolve("openlane");
      OpenLaneConfig.forDesign(design, options).writeTo(openLaneDir);
      Path finalOpenLane = run.finalDir().resolve("openlane");
      if (!openLaneInstalled) {
        report.note("OpenLane is not installed (" + Tool.OPENLANE.provider() + "), so there is no"
            + " placement, routing, signoff timing, power, DRC or LVS; its configuration is ready:"
            + " cd " + finalOpenLane + " && openlane " + OpenLaneConfig.FILE);
      } else if (!options.launchOpenLane()) {
        report.note("OpenLane is installed but was not asked to run; to place and route: cd "
            + finalOpenLane + " && openlane " + OpenLaneConfig.FILE);
      } else {
        ToolRunner.of(Tool.OPENLANE).in(openLaneDir).timeout(options.timeout())
            .env(Pdk.ENV, pdk.root().toString()).log(dir.resolve("openlane.log"))
            .run("--run-tag", OPENLANE_RUN_TAG, OpenLaneConfig.FILE).requireSuccess();
        Path metrics = openLaneDir.resolve("runs").resolve(OPENLANE_RUN_TAG).resolve("final")
            .resolve("metrics.json");
        if (!Files.isRegularFile(metrics)) {
          throw new IllegalStateException("OpenLane finished but wrote no " + metrics);
        }
        OpenLaneMetrics.read(metrics).forEach((name, value) -> report.measure("openlane_" + name, value));
      }
      return report.build();
    });
  }

  /**
   * Buffers the netlist's high-fanout nets into {@code netlist_timed.v} and times it with OpenSTA; notes
   * what was buffered.
   */
  private static OpenSta.Timing time(Path dir, String top, Liberty liberty, FlowOptions options,
      FlowReport.Builder report) {
    GateNetlist netlist = GateNetlist.readYosysJson(dir.resolve("netlist.json"), top);
    FanoutBuffering.Result buffered = FanoutBuffering.sky130Hd().apply(netlist, options.clockPort(),
        Set.of(TIE_CELL));
    AtomicFiles.writeString(dir.resolve(TIMED_NETLIST), buffered.netlist().toVerilog());
    report.resource(FlowReport.FANOUT_BUFFERS, buffered.buffers());
    report.note(String.format(Locale.ROOT, "timing: OpenSTA on %s, Yosys' netlist with %,d fanout buffers (%s, %,.0f"
        + " um2 beyond the area above; the largest fanout was %,d), inputs driven by %s, outputs loading %.1f fF,"
        + " ideal clock", TIMED_NETLIST, buffered.buffers(), BUFFER_CELL, buffered.buffers() * liberty.area(BUFFER_CELL),
        buffered.largestFanoutBefore(), OpenSta.DRIVING_CELL, OpenSta.OUTPUT_LOAD_PF * 1000));
    boolean clocked = netlist.ports().stream().anyMatch(p -> p.input() && p.name().equals(options.clockPort()));
    return OpenSta.run(dir, TIMED_NETLIST, liberty.file(), top, clocked ? options.clockPort() : null,
        options.clockPeriodNs(), options.timeout());
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Yosys commands that map module {@code top} onto the liberty's cells at the target clock. */
  private static String synthesis(String top, String lib, long periodPs) {
    return "synth -top " + top + " -flatten\n"
        + "dfflibmap -liberty " + lib + "\n"
        + "abc -D " + periodPs + " -liberty " + lib + " -script abc.script\n"
        + "opt_clean -purge\n"
        + "setundef -zero\n"
        + "splitnets -ports\n"
        + "hilomap -singleton -hicell sky130_fd_sc_hd__conb_1 HI -locell sky130_fd_sc_hd__conb_1 LO\n"
        + "insbuf -buf sky130_fd_sc_hd__buf_2 A X\n"
        + "check\n";
  }

  /** The last delay ABC printed ({@code stime -p}), in ps. */
  private static Double lastDelayPs(String yosysOutput) {
    Matcher delay = ABC_DELAY.matcher(yosysOutput);
    Double last = null;
    while (delay.find()) {
      last = Double.parseDouble(delay.group(1));
    }
    return last;
  }

  /** The sum of the liberty areas of the cells in {@code stats}. */
  static double cellArea(YosysStats stats, Liberty liberty) {
    double area = 0;
    for (Map.Entry<String, Long> cell : stats.cellsByType().entrySet()) {
      area += liberty.area(cell.getKey()) * cell.getValue();
    }
    return Math.round(area * 1e4) / 1e4;
  }
}
