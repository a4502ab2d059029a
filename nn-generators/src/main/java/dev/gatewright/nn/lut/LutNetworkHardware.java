package dev.gatewright.nn.lut;

import dev.gatewright.hdl.Component;
import dev.gatewright.nn.hw.LayerHardware;
import java.util.List;

/**
 * A network built by {@link LutNetworkGenerator}: its plan, top module, the hardware of each stage, and
 * its timing (an input accepted in cycle {@code t} leaves on {@code y} at {@code t + latency}; a new
 * input every {@code initiationInterval} cycles).
 */
public record LutNetworkHardware(LutPlan plan, Component<LutNetworkIo> module, List<LayerHardware> stages,
    int latency, int initiationInterval) {

  public LutNetworkHardware {
    stages = List.copyOf(stages);
  }

  /** Whether the top has the pre-argmax {@code scores} port. */
  public boolean hasScores() {
    return module.port("scores").isPresent();
  }
}
