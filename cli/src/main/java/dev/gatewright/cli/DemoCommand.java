package dev.gatewright.cli;

import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The main job: the jet-tagging MLP elaborated, verified, costed and synthesized. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Build the 16-64-32-32-5 jet-tagging MLP (6-bit weights, 50%% pruned), verify it against its "
        + "golden model on 10,000 random inputs, and report its cost and synthesis results.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--weight-seed", description = "Seed of the network's random weights (default: ${DEFAULT-VALUE}).")
  long weightSeed = JetTagger.DEMO_WEIGHT_SEED;

  @Mixin
  NetworkJobOptions job = new NetworkJobOptions();

  @Override
  public Integer call() {
    Network network = JetTagger.network(weightSeed);
    return NetworkBuildRun.run(spec.commandLine(), network, job, System.out);
  }
}
