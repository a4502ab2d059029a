package dev.gatewright.cli;

import dev.gatewright.bench.SynthBench;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench synth}: {@link SynthBench}; progress goes to stderr, the table to stdout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Synthesize the jet-tagging MLP design points on xc7, iCE40 and SKY130 (minutes per run).")
final class BenchSynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--target", paramLabel = "TARGET", split = ",",
      description = "xc7, ice40, sky130 (default: all three).")
  List<String> targets = List.of("xc7", "ice40", "sky130");

  @Option(names = "--point", paramLabel = "POINT", split = ",",
      description = "6b-csd, 6b-dsp, 16b-csd (default: all three).")
  List<String> points = SynthBench.POINT_IDS;

  @Mixin FlowOptionsMixin flow;

  @Option(names = "--ice40-whole", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Try the whole network on iCE40 before its layers (default: ${DEFAULT-VALUE}; it takes"
          + " minutes to find that the 6-bit pruned MLP needs 11x the LCs of an HX8K).")
  boolean ice40Whole = true;

  @Override
  public Integer call() {
    SynthBench bench;
    try {
      List<Target> parsed = new ArrayList<>();
      for (String target : targets) {
        try {
          parsed.add(Target.parse(target));
        } catch (FlowException e) {
          throw new FlowException("--target: " + e.getMessage());
        }
      }
      FlowOptions options = flow.builder(Path.of("build", "bench-synth")).build();
      bench = new SynthBench(points, parsed, ice40Whole, options);
    } catch (FlowException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out, System.err);
  }
}
