package dev.gatewright.nn.hw;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.util.ArrayList;
import java.util.List;

/** Co-simulates a generated network against its golden model, comparing every observed output. */
final class NetworkCheck {

  private NetworkCheck() {}

  /** One run per valid port of {@link NetworkHardware#validPorts()}; returns their reports. */
  static List<CoSimulation.Report> verify(NetworkHardware hardware, List<Vectors.Input> vectors, Engine engine) {
    return verify(hardware, new GoldenModel(hardware.network()), vectors, engine);
  }

  /** As {@link #verify(NetworkHardware, List, Engine)}, against a golden model of choice. */
  static List<CoSimulation.Report> verify(NetworkHardware hardware, GoldenModel golden, List<Vectors.Input> vectors,
      Engine engine) {
    List<CoSimulation.Report> reports = new ArrayList<>();
    for (String valid : hardware.validPorts()) {
      List<Observation> group = hardware.observedWith(valid);
      CoSimulation<NetworkIo> check = CoSimulation.of(hardware.module()).valid(io -> io.inValid, group.get(0).valid())
          .latency(hardware.latency())
          .golden((io, in, out) -> {
            long[][] trace = hardware.trace(golden, in.get(io.x));
            for (Observation observation : group) {
              out.set(observation.values().apply(io), observation.expected(trace));
            }
          });
      reports.add(Vectors.feed(check, io -> io.inValid, io -> io.x, vectors).check(engine));
    }
    return reports;
  }

  /** The network's corner inputs and {@code random} random ones, at its initiation interval. */
  static List<Vectors.Input> vectors(NetworkHardware hardware, int random, long seed) {
    return Vectors.stream(hardware.network().inputs(), hardware.network().inputType(), random, seed,
        hardware.initiationInterval() - 1);
  }
}
