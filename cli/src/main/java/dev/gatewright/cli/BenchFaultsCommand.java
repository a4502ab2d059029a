package dev.gatewright.cli;

import dev.gatewright.bench.fault.FaultBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench faults}: {@link FaultBench}. */
@Command(name = "faults", mixinStandardHelpOptions = true,
    description = "Fault campaign on a classifier's hardware (default FINN's MNIST TFC): register upsets at each "
        + "rate in the plain design and its register-TMR copy; error rates, accuracy, TMR against its prediction, plot.")
final class BenchFaultsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", description = "QONNX/ONNX classifier (default: ${DEFAULT-VALUE}).")
  Path model = Path.of("../shared/data/models/finn_tfc_w1a1/model.onnx");

  @Option(names = "--images", description = "IDX images (default: ${DEFAULT-VALUE}).")
  Path images = Path.of("../shared/data/mnist/mnist-npm10k-images-idx3-ubyte.gz");

  @Option(names = "--labels", description = "IDX labels (default: ${DEFAULT-VALUE}).")
  Path labels = Path.of("../shared/data/mnist/mnist-npm10k-labels-idx1-ubyte.gz");

  @Option(names = "--digits", description = "Digits classified per rate and design (default: ${DEFAULT-VALUE}).")
  int digits = 500;

  @Option(names = "--rates", split = ",",
      description = "Upset probabilities per register bit and cycle (default: 1e-5,3e-5,1e-4,3e-4,1e-3).")
  List<Double> rates = new ArrayList<>(List.of(1e-5, 3e-5, 1e-4, 3e-4, 1e-3));

  @Option(names = "--threads", description = "Campaign threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", description = "Seed of the faults (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--plot", description = "PNG of error rate against fault rate (default: ${DEFAULT-VALUE}).")
  Path plot = Path.of("target/fault-campaign.png");

  @Override
  public Integer call() {
    FaultBench bench;
    try {
      bench = new FaultBench(new FaultBench.Options(model, images, labels, digits, rates, threads, seed, plot));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    bench.run(System.out, System.err);
    return 0;
  }
}
