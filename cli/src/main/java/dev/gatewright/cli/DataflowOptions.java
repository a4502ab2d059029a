package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.dataflow.Folding;
import dev.gatewright.nn.dataflow.FoldingFile;
import dev.gatewright.nn.dataflow.FoldingSearch;
import dev.gatewright.pipeline.DataflowBuildOptions;
import dev.gatewright.pipeline.InputData;
import dev.gatewright.sim.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code build --architecture dataflow}: the folding (a target or a file); the clock
 * ({@code --clock-mhz}) is the job's. */
final class DataflowOptions {

  /** How the network becomes hardware. */
  enum Architecture {
    /** Fully parallel or time-shared dense layers (--reuse). */
    DENSE,
    /** A streaming pipeline of folded layers (FINN-style). */
    DATAFLOW
  }

  @Option(names = "--architecture", paramLabel = "ARCH",
      description = "dense (fully parallel or time-shared layers, --reuse) or dataflow (a streaming pipeline of"
          + " PE x SIMD folded layers) (default: ${DEFAULT-VALUE}).")
  Architecture architecture = Architecture.DENSE;

  @Option(names = "--target-fps", paramLabel = "F",
      description = "dataflow: the cheapest folding that runs at F frames/s at --clock-mhz.")
  Double targetFps;

  @Option(names = "--folding", paramLabel = "FILE",
      description = "dataflow: each layer's PE/SIMD from a gatewright-folding/1 file (a build writes one).")
  Path folding;

  @Option(names = "--stalls", paramLabel = "P",
      description = "dataflow: probability that the source pauses and that the sink refuses a beat, each cycle,"
          + " during verification (default: ${DEFAULT-VALUE}).")
  double stalls = 0.2;

  boolean dataflow() {
    return architecture == Architecture.DATAFLOW;
  }

  /**
   * The build's options, streaming {@code inputs} (null: none) through the verified hardware; a bad value throws
   * an IllegalArgumentException naming the option.
   */
  DataflowBuildOptions options(Network network, NetworkJobOptions job, InputData inputs) {
    if (job.reuse != 1) {
      throw new IllegalArgumentException("--reuse belongs to the dense architecture; a dataflow pipeline is folded"
          + " by --target-fps or --folding");
    }
    if (job.neurons != NeuronStyle.ARITHMETIC || job.tableBits != null) {
      throw new IllegalArgumentException("--neurons " + job.neurons.spelled() + " and --table-bits belong to the dense"
          + " architecture; a dataflow pipeline builds every layer as arithmetic");
    }
    double clockMhz = job.clockMhz;
    if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
      throw new IllegalArgumentException("--clock-mhz must be a positive number of MHz, not " + clockMhz);
    }
    if (targetFps != null && folding != null) {
      throw new IllegalArgumentException("--target-fps and --folding both choose the folding: give one");
    }
    Folding chosen;
    String source;
    if (folding != null) {
      if (!Files.isRegularFile(folding)) {
        throw new IllegalArgumentException("--folding: no file at " + folding.toAbsolutePath());
      }
      chosen = FoldingFile.read(folding, network);
      source = "file " + folding;
    } else if (targetFps != null) {
      try {
        chosen = FoldingSearch.forThroughput(network, targetFps, clockMhz);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--target-fps: " + e.getMessage());
      }
      source = String.format(Locale.ROOT, "target %.6g frames/s at %.6g MHz", targetFps, clockMhz);
    } else {
      chosen = Folding.fullyParallel(network);
      source = "fully parallel";
    }
    List<Target> targets = new ArrayList<>();
    for (String target : job.synth) {
      if (!target.equalsIgnoreCase("none")) {
        try {
          targets.add(Target.parse(target));
        } catch (FlowException e) {
          throw new IllegalArgumentException("--synth: " + e.getMessage() + " or none");
        }
      }
    }
    FlowOptions.Builder flow = FlowOptions.builder().runsRoot(job.out.resolve("runs")).clockMhz(clockMhz);
    if (job.pdkRoot != null) {
      flow.pdkRoot(job.pdkRoot);
    }
    return DataflowBuildOptions.builder(job.out, chosen, source).clockMhz(clockMhz).frames(job.vectors)
        .seed(job.seed).stalls(stalls, stalls).engine(job.engine != null ? job.engine : Engine.JAVA)
        .synthesis(targets).flowOptions(flow.build()).inputs(inputs).build();
  }
}
