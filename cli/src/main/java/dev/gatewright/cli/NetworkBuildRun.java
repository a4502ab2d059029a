package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.nn.Network;
import dev.gatewright.pipeline.BuildRequestException;
import dev.gatewright.pipeline.NetworkBuild;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.pipeline.NetworkBuildReport;
import dev.gatewright.pipeline.ReportJson;
import dev.gatewright.tool.FolderBusyException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What {@code demo} and {@code build} do once they have a network: build it, print, and give the exit code. */
final class NetworkBuildRun {

  private NetworkBuildRun() {}

  /** 0: verified (and synthesized where asked); 1: a mismatch or a failed synthesis run. */
  static int run(CommandLine command, Network network, NetworkJobOptions job, PrintStream out) {
    NetworkBuildOptions options;
    try {
      options = job.options();
    } catch (FlowException | BuildRequestException | IllegalArgumentException e) {
      throw new ParameterException(command, e.getMessage());
    }
    NetworkBuildReport report;
    try {
      report = NetworkBuild.run(network, options, new BuildPrinter(out, options));
    } catch (BuildRequestException e) {
      throw new ParameterException(command, e.getMessage());
    } catch (FolderBusyException e) {
      throw new IllegalStateException(e.getMessage() + " (give another --out)", e);
    }
    if (!report.succeeded()) {
      out.println("the build failed; its files are in " + report.folder() + " (the folder of the last"
          + " successful build beside it is left as it was)");
    }
    out.println("report: " + report.folder().resolve(ReportJson.FILE));
    return report.succeeded() ? 0 : 1;
  }
}
