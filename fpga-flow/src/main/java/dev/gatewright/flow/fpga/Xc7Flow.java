package dev.gatewright.flow.fpga;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.FlowRun;
import dev.gatewright.flow.HierarchicalSynthesis;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.Xc7Delays;
import dev.gatewright.flow.Yosys;
import dev.gatewright.flow.YosysStats;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Xilinx 7-series resource estimate with Yosys {@code synth_xilinx -flatten}: LUTs by size,
 * flip-flops, DSP48E1, block RAM, CARRY4, read from Yosys' JSON statistics, and a pre-placement timing
 * estimate of the mapped netlist ({@link Xc7Timing}, Artix-7 -1 delays of {@link Xc7Delays}): Fmax as
 * {@link FlowReport#ESTIMATED_FMAX_MHZ} and the slowest path. There is no placement, so the timing is an
 * estimate; {@link VivadoFlow} gives routed timing where Vivado is installed.
 */
public final class Xc7Flow {

  public static final String TOOL = "yosys synth_xilinx";

  private static final List<String> FLIP_FLOPS = List.of("FDRE", "FDSE", "FDCE", "FDPE");
  private static final String INVERTER = "INV";
  private static final List<String> IO_BUFFERS = List.of("IBUF", "OBUF", "IOBUF", "OBUFT");

  private Xc7Flow() {}

  public static FlowReport run(DesignFiles design, FlowOptions options) {
    Tool.YOSYS.require();
    return FlowRun.execute(options, design.top(), Target.XC7.id(), run -> {
      Path dir = run.dir();
      List<String> sources = design.copyInto(dir.resolve("src"));
      if (options.hierarchical()) {
        // only the top gets I/O buffers: the other modules sit inside it
        List<HierarchicalSynthesis.ModuleRun> modules = HierarchicalSynthesis.run(dir, sources, design.top(), "",
            module -> synthXilinx(module, options.outOfContext() || !module.equals(design.top())), List.of(), options);
        FlowReport.Builder report = report(design.top(), HierarchicalSynthesis.flattened(modules));
        for (HierarchicalSynthesis.ModuleRun module : HierarchicalSynthesis.largestFirst(modules)) {
          YosysStats own = module.ownCells();
          report.note(String.format(Locale.ROOT, "module %s x%d: %,d LUT, %,d FF, %,d DSP48E1 each", module.module(),
              module.instances(), luts(own), FLIP_FLOPS.stream().mapToLong(own::count).sum(), own.count("DSP48E1")));
        }
        HierarchicalSynthesis.notes(modules, "").forEach(report::note);
        report.note("no xc7 timing estimate: hierarchical synthesis maps each module on its own (synthesize flat"
            + " for one)");
        return report.build();
      }
      String script = Yosys.readSources(sources)
          + synthXilinx(design.top(), options.outOfContext())
          + "tee -q -o stats.json stat -json\n"
          + "write_verilog -noattr netlist.v\n"
          + "write_json netlist.json\n";
      Yosys.run(dir, "synth", script, options.timeout());
      YosysStats stats = YosysStats.read(dir.resolve("stats.json"), design.top());
      FlowReport.Builder report = report(design.top(), stats);
      timing(report, MappedNetlist.read(dir.resolve("netlist.json"), design.top()), options.clockMhz());
      return report.build();
    });
  }

  /** Adds the pre-placement timing estimate of {@code netlist} at a clock of {@code clockMhz} to {@code report}. */
  static void timing(FlowReport.Builder report, MappedNetlist netlist, double clockMhz) {
    Xc7Timing.Estimate estimate;
    try {
      estimate = Xc7Timing.analyze(netlist, Xc7Delays.SPEED_GRADE_1);
    } catch (FlowException e) {
      report.note("no xc7 timing estimate: " + e.getMessage());
      return;
    }
    if (!estimate.blackBoxes().isEmpty()) {
      report.note("xc7 timing estimate: cells the delay model does not know are black boxes (their outputs start"
          + " paths at 0 ns, their inputs end them): " + estimate.blackBoxes());
    }
    Optional<Xc7Timing.TimedPath> critical = estimate.critical();
    if (critical.isEmpty()) {
      report.note("xc7 timing estimate: the design has no timed path (no register, input or output on logic)");
      return;
    }
    report.measure(FlowReport.TARGET_MHZ, clockMhz);
    report.measure(FlowReport.ESTIMATED_FMAX_MHZ, round(estimate.fmaxMhz().orElseThrow()));
    for (Xc7Timing.TimedPath path : estimate.slowest().values()) {
      report.measure(delayMeasure(path.pathClass()), round(path.delayNs()));
    }
    Xc7Timing.TimedPath path = critical.get();
    report.criticalPath(path.criticalPath(1000.0 / clockMhz));
    report.note(String.format(Locale.ROOT, "xc7 timing is a pre-placement estimate (Yosys' mapped netlist, Artix-7"
        + " speed grade -1 cell delays, nets %.2f ns + %.2f ns per fanout doubling, inputs at the clock edge,"
        + " outputs due at the next; no place and route): Fmax %.1f MHz, slowest path %s %.3f ns from %s to %s"
        + " through %d cells (%s)", Xc7Delays.SPEED_GRADE_1.net(), Xc7Delays.SPEED_GRADE_1.netPerFanoutDoubling(),
        estimate.fmaxMhz().orElseThrow(), path.pathClass().label(), path.delayNs(), path.startpoint(),
        path.endpoint(), path.logicStages(), cellSummary(path)));
    if (estimate.fmaxMhz().orElseThrow() < clockMhz) {
      report.note(String.format(Locale.ROOT, "xc7 timing estimate: %.2f MHz asked, the estimate reaches %.2f MHz",
          clockMhz, estimate.fmaxMhz().orElseThrow()));
    }
  }

  /** The measure key of a path class's delay, e.g. {@code estimated_register_to_register_ns}. */
  public static String delayMeasure(Xc7Timing.PathClass pathClass) {
    return "estimated_" + pathClass.name().toLowerCase(Locale.ROOT) + "_ns";
  }

  /** The cells on a path by type, in path order of first appearance: {@code LUT6 x3, CARRY4 x4}. */
  private static String cellSummary(Xc7Timing.TimedPath path) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    List<CriticalPath.Point> points = path.points();
    for (CriticalPath.Point point : points.subList(1, points.size() - 1)) {
      byType.merge(point.cell(), 1, Integer::sum);
    }
    if (byType.isEmpty()) {
      return "no logic";
    }
    return byType.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /**
   * {@code synth_xilinx}, its coarse step without {@code alumacc}: that pass merges a chain of additions
   * whose intermediate sums have one reader each into one multi-operand {@code $macc}, which
   * {@code maccmap} builds from full-adder (3:2) cells in LUTs before one final carry chain. On a
   * carry-chain FPGA that takes more LUTs than the two-operand adders it replaces (each a LUT per bit on
   * {@code CARRY4}), and it is not what Vivado does with the same RTL; without it {@code techmap} maps every
   * {@code $add}/{@code $sub} to its own carry chain. Multiplications are mapped to DSPs before this step.
   */
  private static String synthXilinx(String top, boolean noIo) {
    String synth = "synth_xilinx -flatten -top " + top + (noIo ? " -noiopad -noclkbuf" : "");
    return synth + " -run :coarse\n"
        + "techmap -map +/cmp2lut.v -map +/cmp2lcu.v -D LUT_WIDTH=6\n"
        + "share\n"
        + "opt\n"
        + "memory -nomap\n"
        + "opt_clean\n"
        + synth + " -run map_memory:\n";
  }

  /**
   * LUTs of every size and Yosys' {@code INV} cells: the 7-series has no inverter of its own, an
   * {@code INV} takes a LUT (Vivado maps it to a LUT1), e.g. the complement of a subtrahend's bits where
   * they meet no bits of the other operand.
   */
  private static long luts(YosysStats stats) {
    long luts = stats.count(INVERTER);
    for (int size = 1; size <= 6; size++) {
      luts += stats.count("LUT" + size);
    }
    return luts;
  }

  /** The 7-series resources in {@code stats}, in the order a reader compares them. */
  static FlowReport.Builder report(String design, YosysStats stats) {
    FlowReport.Builder report = FlowReport.builder(design, Target.XC7, TOOL).cells(stats.cellsByType());
    report.resource(FlowReport.LUT, luts(stats));
    report.resource(FlowReport.FF, FLIP_FLOPS.stream().mapToLong(stats::count).sum());
    report.resource(FlowReport.DSP48E1, stats.count("DSP48E1"));
    report.resource(FlowReport.RAMB36E1, stats.count("RAMB36E1"));
    report.resource(FlowReport.RAMB18E1, stats.count("RAMB18E1"));
    report.resource(FlowReport.CARRY4, stats.count("CARRY4"));
    for (int size = 1; size <= 6; size++) {
      report.resource("LUT" + size, stats.count("LUT" + size));
    }
    report.resource(INVERTER, stats.count(INVERTER));
    report.resource(FlowReport.MUXF, stats.count("MUXF7") + stats.count("MUXF8"));
    long lutRam = stats.cellsByType().entrySet().stream()
        .filter(e -> e.getKey().startsWith("RAM") && !e.getKey().startsWith("RAMB"))
        .mapToLong(java.util.Map.Entry::getValue).sum();
    report.resource(FlowReport.LUTRAM, lutRam);
    report.resource(FlowReport.SRL, stats.count("SRL16E") + stats.count("SRLC32E"));
    long io = IO_BUFFERS.stream().mapToLong(stats::count).sum();
    if (io > 0) {
      report.resource(FlowReport.IO, io);
    }
    long latches = stats.count("LDCE") + stats.count("LDPE");
    if (latches > 0) {
      report.resource("latches", latches);
      report.note("the design has " + latches + " latches; an always_comb may be missing a default");
    }
    return report;
  }
}
