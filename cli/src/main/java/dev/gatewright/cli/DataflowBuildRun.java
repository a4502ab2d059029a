package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.dataflow.FoldingFile;
import dev.gatewright.pipeline.BuildRequestException;
import dev.gatewright.pipeline.DataflowBuild;
import dev.gatewright.pipeline.DataflowBuildOptions;
import dev.gatewright.pipeline.DataflowBuildReport;
import dev.gatewright.pipeline.ModelSource;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.ReportJson;
import dev.gatewright.tool.FolderBusyException;
import java.io.PrintStream;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What {@code build --architecture dataflow} does once it has a network: build it, print, give the exit code. */
final class DataflowBuildRun {

  private DataflowBuildRun() {}

  /** 0: verified, on schedule (and synthesized where asked); 1: a mismatch, other cycles, or a failed synthesis. */
  static int run(CommandLine command, ModelSource source, DataflowOptions dataflow, NetworkJobOptions job,
      PrintStream out) {
    Network network = source.network();
    DataflowBuildOptions options;
    try {
      options = dataflow.options(network, job);
    } catch (FoldingFile.FormatException | BuildRequestException | FlowException | IllegalArgumentException e) {
      throw new ParameterException(command, e.getMessage());
    }
    DataflowBuildReport report;
    try {
      report = DataflowBuild.run(source, options, out::println);
    } catch (BuildRequestException e) {
      throw new ParameterException(command, e.getMessage());
    } catch (FolderBusyException e) {
      throw new IllegalStateException(e.getMessage() + " (give another --out)", e);
    }
    print(report, out);
    if (!report.succeeded()) {
      out.println("the build failed; its files are in " + report.folder());
    }
    out.println("report: " + report.folder().resolve(ReportJson.FILE));
    return report.succeeded() ? 0 : 1;
  }

  static void print(DataflowBuildReport r, PrintStream out) {
    out.printf(Locale.ROOT, "dataflow pipeline %s (folding: %s)%n", r.top(), r.folding());
    out.printf(Locale.ROOT, "  %-28s %-28s %5s %5s %6s %6s %12s%n", "stage", "layers", "PE", "SIMD", "in", "out",
        "cycles/frame");
    for (DataflowBuildReport.StageRow s : r.stages()) {
      out.printf(Locale.ROOT, "  %-28s %-28s %5s %5s %6d %6d %,12d%n", s.name(), String.join("+", s.layers()),
          s.pe() == null ? "-" : s.pe().toString(), s.simd() == null ? "-" : s.simd().toString(), s.inLanes(),
          s.outLanes(), s.cyclesPerFrame());
    }
    out.println("  FIFO depths between stages: " + r.fifoDepths() + " (0: connected directly)");
    out.printf(Locale.ROOT, "  %,d cycles per frame: %,.0f frames/s at %.6g MHz; latency %,d cycles = %.4g us%n",
        r.cyclesPerFrame(), r.framesPerSecond(), r.clockMhz(), r.latencyCycles(), r.latencyMicroseconds());
    for (Synthesis s : r.synthesis()) {
      out.println("  " + s.target() + ": " + (s.flow() != null ? s.flow().resources() : s.status() + " " + s.message()));
    }
  }
}
