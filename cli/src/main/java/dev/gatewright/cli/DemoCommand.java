package dev.gatewright.cli;

import dev.gatewright.pipeline.ModelSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The main job: the trained jet tagger imported, elaborated, verified, costed and synthesized. */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = MnistDemoCommand.class,
    description = "Build the trained QKeras jet tagger (16-64-32-32-5 MLP, 6-bit weights and activations, 76.2%%"
        + " accurate upstream, from the QONNX model zoo, embedded): import it, verify every score of its hardware against the golden"
        + " model and the model's own reference executor on 10,000 random inputs, and report its cost and"
        + " synthesis results. 'demo mnist' builds FINN's binarized TFC and measures it on 10,000 MNIST digits.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin
  NetworkJobOptions job = new NetworkJobOptions();

  @Override
  public Integer call() {
    try (DemoResources embedded = DemoResources.extract(DemoResources.JET_TAGGER)) {
      return NetworkBuildRun.run(spec.commandLine(),
          () -> ModelSource.read(embedded.file(DemoResources.JET_TAGGER), null), job, System.out);
    }
  }
}
