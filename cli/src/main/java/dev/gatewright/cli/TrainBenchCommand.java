package dev.gatewright.cli;

import dev.gatewright.nn.train.Dataset;
import dev.gatewright.nn.train.Mlp;
import dev.gatewright.nn.train.Schedule;
import dev.gatewright.nn.train.TrainConfig;
import dev.gatewright.nn.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training throughput on FINN's TFC shape (784-64-64-64-10): samples per second through forward pass,
 * backward pass and optimizer step, per thread count, after a warm-up run; checks that every thread count
 * trains the same weights bit for bit.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Benchmark training: samples/s (forward + backward + update) of the 784-64-64-64-10 MLP per thread count.")
final class TrainBenchCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "mnist:IMAGES-IDX:LABELS-IDX", description = "The digits.")
  String dataset;

  @Option(names = "--threads", split = ",", description = "Thread counts (default: 1,2).")
  List<Integer> threads = new ArrayList<>(List.of(1, 2));

  @Option(names = "--bits", description = "Weight and activation bits (default: ${DEFAULT-VALUE}).")
  int bits = 4;

  @Option(names = "--sparsity", description = "QAP target sparsity (default: ${DEFAULT-VALUE}: dense).")
  double sparsity = 0;

  @Option(names = "--epochs", description = "Epochs per measurement (default: ${DEFAULT-VALUE}).")
  int epochs = 5;

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = 64;

  @Override
  public Integer call() {
    Dataset.Split split = TrainCommand.split(dataset, 8000, 2026);
    System.out.printf(Locale.ROOT, "784-64-64-64-10, %d-bit weights and activations, %s, batch %d, %d epochs of %,d "
        + "samples; %d cores%n", bits, sparsity > 0 ? "QAP to sparsity " + sparsity : "dense", batch, epochs,
        split.train().count(), Runtime.getRuntime().availableProcessors());
    Mlp reference = null;
    boolean same = true;
    run(split, threads.get(threads.size() - 1), 1); // warm-up: JIT-compile the kernels
    for (int t : threads) {
      Trainer.Result r = run(split, t, epochs);
      System.out.printf(Locale.ROOT, "threads %d: %,.0f samples/s, test accuracy %.2f %%%n", t, r.samplesPerSecond(),
          100 * r.testAccuracy());
      if (reference == null) {
        reference = r.model();
      } else {
        same &= reference.sameAs(r.model());
      }
    }
    System.out.println(same ? "every thread count trained the same weights, bit for bit"
        : "DIFFERENT weights for different thread counts");
    return same ? 0 : 1;
  }

  private Trainer.Result run(Dataset.Split split, int threadCount, int epochCount) {
    TrainConfig config = TrainConfig.builder(784, 64, 64, 64, 10).bits(bits)
        .schedule(sparsity > 0 ? Schedule.QAP : Schedule.QAT, sparsity).batchSize(batch).epochs(epochCount)
        .threads(threadCount).seed(1).build();
    return new Trainer(config).train(split.train(), split.test(), Trainer.Listener.NONE);
  }
}
