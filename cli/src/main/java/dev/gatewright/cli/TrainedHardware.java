package dev.gatewright.cli;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.nn.train.Dataset;
import dev.gatewright.nn.train.Mlp;
import dev.gatewright.nn.train.QuantizedInference;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.Observation;
import dev.gatewright.pipeline.NetworkBuild;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.pipeline.NetworkBuildReport;
import java.util.List;
import dev.gatewright.sim.Engine;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code train --build}: the trained network through the build library (elaborate, verify on random and
 * corner vectors, cost, synthesize), then the hardware on every test digit against the golden model, which
 * equals the trainer's integer inference — so the hardware's accuracy is the trainer's.
 */
final class TrainedHardware {

  private TrainedHardware() {}

  static int build(Network network, Dataset test, Mlp model, TrainBuildOptions options, Path out, PrintStream print) {
    NetworkBuildOptions build = options.options(out.resolve("hardware"), 1);
    NetworkBuildReport report = NetworkBuild.run(network, build, new BuildPrinter(print, build));
    if (!report.succeeded()) {
      print.println("the build failed; its files are in " + report.folder());
      return 1;
    }
    Engine engine = build.engine().orElse(Engine.VERILATOR.isAvailable() ? Engine.VERILATOR : Engine.JAVA);
    NetworkHardware hardware = new NetworkGenerator(network, build.hardware()).build();
    GoldenModel golden = new GoldenModel(network);
    QuantizedInference trainer = new QuantizedInference(model);
    List<Observation> observed = hardware.observedWith("out_valid");
    int correct = 0;
    CoSimulation<NetworkIo> check = CoSimulation.of(hardware.module()).valid(io -> io.inValid, io -> io.outValid)
        .latency(hardware.latency()).interval(hardware.initiationInterval())
        .waveformsIn(out.resolve("hardware").resolve("waves-test-digits"))
        .golden((io, in, o) -> {
          long[][] trace = hardware.trace(golden, in.get(io.x));
          for (Observation observation : observed) {
            o.set(observation.values().apply(io), observation.expected(trace));
          }
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
      BigInteger packed = VectorPorts.pack(x, network.inputType());
      check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, packed));
      for (int idle = 1; idle < hardware.initiationInterval(); idle++) {
        check.vector((io, v) -> v.set(io.inValid, 0).set(io.x, 0));
      }
    }
    long start = System.nanoTime();
    try {
      CoSimulation.Report result = check.check(engine);
      print.printf(Locale.ROOT, "hardware on the %,d test digits (%s, %.1f s): %s bit-exact with the golden model "
          + "and the trainer (%,d values compared); hardware accuracy %.2f %%%n", test.count(),
          engine.name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1e9, hardware.comparedOutputs(),
          result.comparisons(), 100.0 * correct / test.count());
      return 0;
    } catch (CoSimulationMismatch mismatch) {
      print.println("MISMATCH on the test digits: " + mismatch.getMessage());
      return 1;
    }
  }
}
