package dev.gatewright.nn.hw;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Co-simulates a generated network against its golden model, comparing every observed output. */
final class NetworkCheck {

  private NetworkCheck() {}

  /** One run per valid port of {@link NetworkHardware#validPorts()}; returns their reports. */
  static List<CoSimulation.Report> verify(NetworkHardware hardware, List<Map<String, BigInteger>> vectors, Engine engine) {
    return verify(hardware, new GoldenModel(hardware.network()), vectors, engine);
  }

  /** As {@link #verify(NetworkHardware, List, Engine)}, against a golden model of choice. */
  static List<CoSimulation.Report> verify(NetworkHardware hardware, GoldenModel golden,
      List<Map<String, BigInteger>> vectors, Engine engine) {
    List<CoSimulation.Report> reports = new ArrayList<>();
    for (String valid : hardware.validPorts()) {
      reports.add(CoSimulation.of(hardware.module()).valid("in_valid", valid).latency(hardware.latency())
          .golden(in -> hardware.expected(golden, in.get("x"), valid)).vectors(vectors).check(engine));
    }
    return reports;
  }

  /** The network's corner inputs and {@code random} random ones, at its initiation interval. */
  static List<Map<String, BigInteger>> vectors(NetworkHardware hardware, int random, long seed) {
    return Vectors.stream(hardware.network().inputs(), hardware.network().inputType(), random, seed,
        hardware.initiationInterval() - 1);
  }
}
