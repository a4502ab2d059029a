package dev.gatewright.cli;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkFormatException;
import dev.gatewright.nn.NetworkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Elaborates, verifies, costs and synthesizes a network described in a JSON file. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a network from its JSON description: SystemVerilog, verification, cost and synthesis.")
final class BuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NETWORK.json", description = "The network (format gatewright-network/1),"
      + " or a model imported as `gatewright import` does (.onnx, .h5).")
  Path file;

  @Mixin
  NetworkJobOptions job = new NetworkJobOptions();

  @Mixin
  DataflowOptions dataflow = new DataflowOptions();

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no network file at " + file.toAbsolutePath());
    }
    Network network;
    String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".onnx") || lower.endsWith(".h5")) {
      try {
        network = dev.gatewright.nn.imports.ModelImport.read(file).network();
      } catch (dev.gatewright.nn.imports.ImportException | IllegalArgumentException e) {
        System.err.println("gatewright build: " + e.getMessage());
        return 2;
      }
      return dataflow.dataflow() ? DataflowBuildRun.run(spec.commandLine(), network, dataflow, job, System.out)
          : NetworkBuildRun.run(spec.commandLine(), network, job, System.out);
    }
    try {
      network = NetworkJson.read(file);
    } catch (NetworkFormatException e) {
      System.err.println("gatewright build: " + file + ": " + e.getMessage());
      return 2;
    }
    if (dataflow.dataflow()) {
      return DataflowBuildRun.run(spec.commandLine(), network, dataflow, job, System.out);
    }
    return NetworkBuildRun.run(spec.commandLine(), network, job, System.out);
  }
}
