package dev.gatewright.nn.hw;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.util.List;

/**
 * Checks the timing a generator reports: with a new input every cycle (and {@code in_valid} random), the
 * result of each input and its valid appear exactly the reported latency later. A co-simulation paired by
 * a fixed latency, not by valid signals, so a wrong latency or a stall is a mismatch.
 */
final class PipelineTiming {

  private PipelineTiming() {}

  static CoSimulation.Report layer(LayerHardware hardware, Layer layer, Engine engine, long vectors, long seed) {
    if (hardware.initiationInterval() != 1) {
      throw new IllegalArgumentException("an input every cycle needs II = 1, not " + hardware.initiationInterval());
    }
    GoldenModel golden = new GoldenModel(List.of(layer));
    return CoSimulation.of(hardware.module()).latency(hardware.latency())
        .golden((io, in, out) -> {
          out.set(io.y, VectorPorts.pack(golden.infer(VectorPorts.unpack(in.get(io.x), layer.inputs(),
              layer.inputType())), layer.outputType()));
          out.set(io.outValid, in.get(io.inValid));
        })
        .randomVectors(vectors, seed).check(engine);
  }

  static CoSimulation.Report network(NetworkHardware hardware, Engine engine, long vectors, long seed) {
    Network network = hardware.network();
    GoldenModel golden = new GoldenModel(network);
    return CoSimulation.of(hardware.module()).latency(hardware.latency())
        .golden((io, in, out) -> {
          long[][] trace = hardware.trace(golden, in.get(io.x));
          for (Observation observation : hardware.observedWith("out_valid")) {
            out.set(observation.values().apply(io), observation.expected(trace));
          }
          out.set(io.outValid, in.get(io.inValid));
        })
        .randomVectors(vectors, seed).check(engine);
  }
}
