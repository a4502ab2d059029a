package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.pipeline.BuildRequestException;
import dev.gatewright.pipeline.InputData;
import dev.gatewright.pipeline.ModelSource;
import dev.gatewright.pipeline.NetworkBuild;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.pipeline.NetworkBuildReport;
import dev.gatewright.pipeline.ReportJson;
import dev.gatewright.tool.FolderBusyException;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What {@code demo} and {@code build} do once they have a network: build it, print, and give the exit code. */
final class NetworkBuildRun {

  private NetworkBuildRun() {}

  /** As {@link #run(CommandLine, Supplier, Supplier, NetworkJobOptions, PrintStream)} without given inputs. */
  static int run(CommandLine command, Supplier<ModelSource> source, NetworkJobOptions job, PrintStream out) {
    return run(command, source, () -> null, job, out);
  }

  /**
   * Reads the model (or network) and the inputs to check it on (null: none), builds, and returns 0 when it
   * verified (and synthesized where asked), 1 on a mismatch or a failed synthesis run; a bad option, model or
   * input file is a usage error naming it.
   */
  static int run(CommandLine command, Supplier<ModelSource> source, Supplier<InputData> inputs, NetworkJobOptions job,
      PrintStream out) {
    NetworkBuildOptions options;
    ModelSource model;
    try {
      options = job.options();
      model = source.get();
      options = options.toBuilder().inputs(inputs.get()).build();
    } catch (FlowException | BuildRequestException | IllegalArgumentException e) {
      throw new ParameterException(command, e.getMessage());
    }
    if (model.reference() != null) {
      out.println("imported " + model.file().getFileName() + " as network " + model.network().name()
          + "; its reference executor: " + model.reference().description());
      model.notes().forEach(note -> out.println("  - " + note));
    }
    NetworkBuildReport report;
    try {
      report = NetworkBuild.run(model, options, new BuildPrinter(out, options));
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
