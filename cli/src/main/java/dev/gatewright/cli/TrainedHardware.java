package dev.gatewright.cli;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.nn.train.Dataset;
import dev.gatewright.nn.train.Mlp;
import dev.gatewright.nn.train.QuantizedInference;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * {@code train --build}: the trained network through the build job (elaborate, verify on random and corner
 * vectors, cost, synthesize), then the hardware on every test digit against the golden model, which equals
 * the trainer's integer inference — so the hardware's accuracy is the trainer's. When the build pipeline
 * becomes a library, the first step calls it instead of {@link NetworkJob}.
 */
final class TrainedHardware {

  private TrainedHardware() {}

  static int build(Network network, Dataset test, Mlp model, TrainBuildOptions options, Path out, PrintStream print) {
    NetworkJob.Settings settings = options.settings(out.resolve("hardware"), 1);
    int exit = new NetworkJob(network, settings, print).run();
    if (exit != 0) {
      return exit;
    }
    Engine engine = settings.engine() != null ? settings.engine()
        : Engine.VERILATOR.isAvailable() ? Engine.VERILATOR : Engine.JAVA;
    NetworkGenerator.NetworkHardware hardware = new NetworkGenerator(network, settings.options()).build();
    GoldenModel golden = new GoldenModel(network);
    QuantizedInference trainer = new QuantizedInference(model);
    int correct = 0;
    CoSimulation check = CoSimulation.of(hardware.module()).valid("in_valid", "out_valid")
        .waveformsIn(out.resolve("hardware").resolve("waves-test-digits"))
        .golden(in -> {
          long[] x = VectorPorts.unpack(in.get("x"), network.inputs(), network.inputType());
          return Map.of("y", VectorPorts.pack(golden.infer(x), network.outputType()));
        });
    for (int s = 0; s < test.count(); s++) {
      long[] x = new long[network.inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = test.pixel(s, i);
      }
      long[] scores = golden.infer(x);
      if (!java.util.Arrays.equals(scores, trainer.scores(test, s))) {
        print.println("MISMATCH: the golden model and the trainer disagree on test digit " + s);
        return 1;
      }
      correct += QuantizedInference.argmax(scores) == test.label(s) ? 1 : 0;
      check.vector(Map.of("in_valid", BigInteger.ONE, "x", VectorPorts.pack(x, network.inputType())));
      for (int idle = 1; idle < hardware.initiationInterval(); idle++) {
        check.vector(Map.of("in_valid", BigInteger.ZERO, "x", BigInteger.ZERO));
      }
    }
    long start = System.nanoTime();
    try {
      CoSimulation.Report report = check.check(engine);
      print.printf(Locale.ROOT, "hardware on the %,d test digits (%s, %.1f s): every score bit-exact with the golden "
          + "model and the trainer (%,d outputs compared); hardware accuracy %.2f %%%n", test.count(),
          engine.name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1e9, report.comparisons(),
          100.0 * correct / test.count());
      return 0;
    } catch (AssertionFailedError mismatch) {
      print.println("MISMATCH on the test digits: " + mismatch.getMessage());
      return 1;
    }
  }
}
