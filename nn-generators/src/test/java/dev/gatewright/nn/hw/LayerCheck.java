package dev.gatewright.nn.hw;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.util.List;

/** Co-simulates one generated layer against the golden model of that layer. */
final class LayerCheck {

  private LayerCheck() {}

  /**
   * The layer's corner vectors and 1,000 random ones at its initiation interval, then (for a layer that
   * takes an input every cycle) 2,000 random vectors with {@code in_valid} random too.
   */
  static CoSimulation.Report check(LayerHardware hardware, Layer layer, Engine engine) {
    GoldenModel golden = new GoldenModel(List.of(layer));
    CoSimulation<LayerIo> check = CoSimulation.of(hardware.module()).valid(io -> io.inValid, io -> io.outValid)
        .latency(hardware.latency())
        .golden((io, in, out) -> out.set(io.y, VectorPorts.pack(
            golden.infer(VectorPorts.unpack(in.get(io.x), layer.inputs(), layer.inputType())), layer.outputType())));
    Vectors.feed(check, io -> io.inValid, io -> io.x,
        Vectors.stream(layer.inputs(), layer.inputType(), 1000, 9, hardware.initiationInterval() - 1));
    if (hardware.initiationInterval() == 1) {
      check.randomVectors(2000, 11);
    }
    return check.check(engine);
  }
}
