package dev.gatewright.flow.fpga;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.FlowRun;
import dev.gatewright.flow.HierarchicalSynthesis;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.Yosys;
import dev.gatewright.flow.YosysStats;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Xilinx 7-series resource estimate with Yosys {@code synth_xilinx -flatten}: LUTs by size,
 * flip-flops, DSP48E1, block RAM, CARRY4, read from Yosys' JSON statistics. No placement, so no
 * timing; {@link VivadoFlow} gives that where Vivado is installed.
 */
public final class Xc7Flow {

  public static final String TOOL = "yosys synth_xilinx";

  private static final List<String> FLIP_FLOPS = List.of("FDRE", "FDSE", "FDCE", "FDPE");
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
        return report.build();
      }
      String script = Yosys.readSources(sources)
          + synthXilinx(design.top(), options.outOfContext())
          + "tee -q -o stats.json stat -json\n"
          + "write_verilog -noattr netlist.v\n";
      Yosys.run(dir, "synth", script, options.timeout());
      YosysStats stats = YosysStats.read(dir.resolve("stats.json"), design.top());
      return report(design.top(), stats).build();
    });
  }

  private static String synthXilinx(String top, boolean noIo) {
    return "synth_xilinx -flatten -top " + top + (noIo ? " -noiopad -noclkbuf" : "") + "\n";
  }

  private static long luts(YosysStats stats) {
    long luts = 0;
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
