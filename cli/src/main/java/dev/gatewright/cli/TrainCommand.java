package dev.gatewright.cli;

import dev.gatewright.nn.FaultModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.exports.ExportException;
import dev.gatewright.nn.exports.QonnxExport;
import dev.gatewright.nn.train.Dataset;
import dev.gatewright.nn.train.FaultEvaluation;
import dev.gatewright.nn.train.Optimizer;
import dev.gatewright.nn.train.Schedule;
import dev.gatewright.nn.train.TrainConfig;
import dev.gatewright.nn.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains a quantized, pruned MLP and exports it as a gatewright network, optionally going on to hardware. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a quantized (and pruned) MLP on MNIST-format data and export it as gatewright-network/1 "
        + "JSON whose golden model reproduces the trainer's integer inference exactly.",
        "Trains on the first --train-count samples of a seeded shuffle, tests on the rest; ends by printing "
            + "'test accuracy: A %'."})
final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "mnist:IMAGES-IDX:LABELS-IDX",
      description = "IDX image and label files, plain or gzipped.")
  String dataset;

  @Option(names = "--layers", paramLabel = "N,N,...", split = ",",
      description = "Layer widths, input first (default: 784,64,64,64,10, FINN's TFC).")
  List<Integer> layers = new ArrayList<>(List.of(784, 64, 64, 64, 10));

  @Option(names = "--bits", paramLabel = "B", description = "Weight and activation bits of every layer (default: ${DEFAULT-VALUE}).")
  int bits = 8;

  @Option(names = "--activation-bits", paramLabel = "B", description = "Activation bits, when they differ from --bits.")
  Integer activationBits;

  @Option(names = "--sparsity", paramLabel = "S", description = "Target fraction of pruned weights per layer, e.g. 0.8 (default: ${DEFAULT-VALUE}).")
  double sparsity = 0;

  @Option(names = "--schedule", paramLabel = "SCHEDULE",
      description = "qat, qap, qat-then-prune or prune-then-qat (default: qap when --sparsity or --fan-in is given, else qat).")
  String schedule;

  @Option(names = "--fan-in", paramLabel = "K", description = "At most K inputs per neuron (LogicNets-style); 0: no limit.")
  int fanIn = 0;

  @Option(names = "--fault-rate", paramLabel = "R",
      description = "Fault-aware training: flip each bit of weights and activations with probability R while training.")
  double faultRate = 0;

  @Option(names = "--evaluate-faults", paramLabel = "R,R,...", split = ",",
      description = "After training, test accuracy under bit flips at these rates (e.g. 1e-4,1e-3,1e-2,1e-1).")
  List<Double> evaluateFaults = new ArrayList<>();

  @Option(names = "--fault-trials", paramLabel = "N", description = "Fault draws per evaluated rate (default: ${DEFAULT-VALUE}).")
  int faultTrials = 3;

  @Option(names = "--bops-penalty", paramLabel = "L",
      description = "Per-layer precision search: learn each layer's bits with this weight on relative BOPs (e.g. 0.05).")
  double bopsPenalty = 0;

  @Option(names = "--batch-norm", description = "A batch norm after every hidden layer, trained folded into the weights.")
  boolean batchNorm;

  @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 20;

  @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch = 64;

  @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "Optimizer (default: ${DEFAULT-VALUE}).")
  String optimizer = "adam";

  @Option(names = "--lr", paramLabel = "RATE", description = "Base learning rate, cosine-decayed (default: 3e-3 for adam, 0.05 for sgd).")
  Double learningRate;

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum = 0.9;

  @Option(names = "--seed", description = "Seed of weights, sample order and faults (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--train-count", paramLabel = "N", description = "Training samples; the rest test (default: ${DEFAULT-VALUE}).")
  int trainCount = 8000;

  @Option(names = "--split-seed", paramLabel = "SEED", description = "Seed of the train/test shuffle (default: ${DEFAULT-VALUE}).")
  long splitSeed = 2026;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the machine's cores); results do not depend on it.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--name", description = "Network name (default: ${DEFAULT-VALUE}).")
  String name = "mlp";

  /** The trained network as QONNX, beside network.json, for other tools. */
  static final String QONNX_FILE = "model.onnx";

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where network.json, training.json and model.onnx (QONNX) go.")
  Path out;

  @Option(names = "--build", description = "Go on to hardware: elaborate, verify bit-exact (random and corner vectors and "
      + "the test digits), cost, synthesize.")
  boolean build;

  @Mixin
  TrainBuildOptions hardware = new TrainBuildOptions();

  @Override
  public Integer call() {
    TrainConfig config = config();
    Dataset.Split split = split(dataset, trainCount, splitSeed);
    System.out.println("training " + name + ": " + config);
    System.out.printf(Locale.ROOT, "data: %,d training and %,d test samples from %s%n", split.train().count(),
        split.test().count(), dataset);
    TrainingRun run;
    try (TrainingProgress progress = new TrainingProgress("train " + name, System.out)) {
      run = TrainingRun.run(name, config, split, progress, evaluateFaults, faultTrials);
    }
    run.write(out);
    Path qonnx = out.resolve(QONNX_FILE);
    try {
      QonnxExport.write(run.network(), qonnx).forEach(note -> System.out.println("note: " + qonnx + ": " + note));
    } catch (ExportException e) {
      System.out.println("no QONNX file: " + e.getMessage());
    }
    System.out.print(run.cost());
    for (FaultEvaluation.Point p : run.faultAccuracy()) {
      System.out.printf(Locale.ROOT, "fault rate %.0e: accuracy %.2f %% (%.2f..%.2f over %d draws)%n", p.rate(),
          100 * p.meanAccuracy(), 100 * p.minAccuracy(), 100 * p.maxAccuracy(), p.trials());
    }
    System.out.printf(Locale.ROOT, "trained in %.1f s (%,.0f samples/s); wrote %s, %s and %s (QONNX)%n", run.seconds(),
        run.result().samplesPerSecond(), out.resolve("network.json"), out.resolve("training.json"), qonnx);
    int exit = 0;
    if (build) {
      exit = TrainedHardware.build(run.network(), split.test(), run.result().model(), hardware, out, System.out);
    }
    System.out.printf(Locale.ROOT, "test accuracy: %.2f %%%n", 100 * run.testAccuracy());
    return exit;
  }

  private TrainConfig config() {
    int[] widths = layers.stream().mapToInt(Integer::intValue).toArray();
    Schedule s;
    try {
      s = schedule != null ? Schedule.parse(schedule) : sparsity > 0 || fanIn > 0 ? Schedule.QAP : Schedule.QAT;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--schedule: " + e.getMessage());
    }
    Optimizer opt = switch (optimizer.toLowerCase(Locale.ROOT)) {
      case "adam" -> Optimizer.Adam.of(learningRate != null ? learningRate : 3e-3);
      case "sgd" -> new Optimizer.Sgd(learningRate != null ? learningRate : 0.05, momentum);
      default -> throw new ParameterException(spec.commandLine(), "--optimizer: expected adam or sgd, not " + optimizer);
    };
    try {
      return TrainConfig.builder(widths).weightBits(bits).activationBits(activationBits != null ? activationBits : bits)
          .schedule(s, sparsity).fanIn(fanIn).optimizer(opt).batchSize(batch).epochs(epochs).seed(seed)
          .threads(threads).faults(faultRate > 0 ? FaultModel.bitFlips(faultRate) : FaultModel.none())
          .bopsPenalty(bopsPenalty).batchNorm(batchNorm).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Reads {@code mnist:IMAGES:LABELS} and splits it; a bad spec or file is a usage error naming it. */
  static Dataset.Split split(String spec, int trainCount, long splitSeed) {
    Dataset all;
    try {
      all = Dataset.parse(spec);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("--dataset: " + e.getMessage(), e);
    }
    return all.shuffledSplit(splitSeed, trainCount);
  }

  /** The written network, for tests. */
  static Network network(Path out) {
    return dev.gatewright.nn.NetworkJson.read(out.resolve("network.json"));
  }
}
