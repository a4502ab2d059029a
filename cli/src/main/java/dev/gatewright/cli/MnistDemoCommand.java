package dev.gatewright.cli;

import dev.gatewright.pipeline.InputData;
import dev.gatewright.pipeline.InputScale;
import dev.gatewright.pipeline.ModelSource;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** FINN's TFC-w1a1 on MNIST: the hardware's accuracy on the embedded digits, digit for digit with the model's. */
@Command(name = "mnist", mixinStandardHelpOptions = true,
    description = "Build FINN's TFC-w1a1 (784-64-64-64-10 MLP, 1-bit weights and activations, embedded), verify it"
        + " against its golden model on random inputs, run the 10,000 embedded MNIST digits through the hardware"
        + " and report its accuracy beside the model's reference executor's; --architecture dataflow streams the"
        + " digits through a FINN-style folded pipeline (--target-fps or --folding) with random stalls.")
final class MnistDemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin
  NetworkJobOptions job = new NetworkJobOptions();

  @Mixin
  DataflowOptions dataflow = new DataflowOptions();

  @Override
  public Integer call() {
    try (DemoResources embedded = DemoResources.extract(DemoResources.FINN_TFC, DemoResources.MNIST_IMAGES,
        DemoResources.MNIST_LABELS)) {
      Supplier<ModelSource> model = () -> ModelSource.read(embedded.file(DemoResources.FINN_TFC), null);
      Supplier<InputData> digits = () -> InputData.read(embedded.file(DemoResources.MNIST_IMAGES), InputScale.ONE,
          embedded.file(DemoResources.MNIST_LABELS)).describedAs("the 10,000 embedded MNIST digits", "their labels");
      return dataflow.dataflow()
          ? DataflowBuildRun.run(spec.commandLine(), model, digits, dataflow, job, System.out)
          : NetworkBuildRun.run(spec.commandLine(), model, digits, job, System.out);
    }
  }
}
