package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Component;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A generated network: the top module and its timing (an input accepted in cycle {@code t} leaves on
 * {@code y} at {@code t + latency}; a new input every {@code initiationInterval} cycles), the layers it
 * instantiates, and what verification must compare ({@link #observations()}: {@code y}, the pre-argmax
 * {@code scores} where there are any, every hidden layer's output in a build with layer probes). A fully
 * parallel network is pipelined as a whole ({@link #pipeline()}: the clock, the registers, the size of its
 * arithmetic).
 */
public record NetworkHardware(Network network, Component<NetworkIo> module, int latency, int initiationInterval,
    long multipliers, List<LayerHardware> layers, List<Observation> observations, Optional<PipelineSummary> pipeline) {

  public NetworkHardware {
    layers = List.copyOf(layers);
    observations = List.copyOf(observations);
    Objects.requireNonNull(pipeline, "pipeline");
  }

  /** Hardware whose layers were pipelined each on their own (time-shared layers). */
  public NetworkHardware(Network network, Component<NetworkIo> module, int latency, int initiationInterval,
      long multipliers, List<LayerHardware> layers, List<Observation> observations) {
    this(network, module, latency, initiationInterval, multipliers, layers, observations, Optional.empty());
  }

  /** The valid ports the observations are aligned to, {@code out_valid} first: one comparison run each. */
  public List<String> validPorts() {
    return observations.stream().map(Observation::validPort).distinct().toList();
  }

  /** The observations aligned to {@code validPort} (one comparison run checks them together). */
  public List<Observation> observedWith(String validPort) {
    List<Observation> group = observations.stream().filter(o -> o.validPort().equals(validPort)).toList();
    if (group.isEmpty()) {
      throw new IllegalArgumentException(module.name() + " observes nothing with valid port '" + validPort
          + "'; its valid ports are " + validPorts());
    }
    return group;
  }

  /** The golden model's trace of every layer for the packed network input {@code x} (the bits of port {@code x}). */
  public long[][] trace(GoldenModel golden, BigInteger x) {
    return golden.trace(VectorPorts.unpack(x, network.inputs(), network.inputType()));
  }

  /** What verification compares, for reports: {@code "y (the argmax class), scores (the 5 pre-argmax scores)"}. */
  public String comparedOutputs() {
    return observations.stream().map(Observation::toString).collect(Collectors.joining(", "));
  }
}
