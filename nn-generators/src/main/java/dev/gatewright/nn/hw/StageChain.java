package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.module;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top of a network built as a chain of stages, each the hardware of one layer or of a run of layers (a
 * layer of truth-table neurons stands for a dense layer and the activations after it), with the ports and
 * observations of {@link NetworkGenerator}'s tops: {@code y}, and {@code scores} when the network ends in an
 * argmax, which is then the last stage on its own. The result verifies and synthesizes like any
 * {@link NetworkHardware}.
 */
public final class StageChain {

  /** One stage: the hardware, and the name its instance is made from ({@code u_<name>}). */
  public record Stage(String name, LayerHardware hardware) {}

  private StageChain() {}

  /** Chains {@code stages} (in the network's order, covering all its layers) into the network's top. */
  public static NetworkHardware build(Network network, List<Stage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException(network.name() + ": a network top needs at least one stage");
    }
    List<Layer> chain = network.layers();
    Layer last = chain.get(chain.size() - 1);
    boolean scores = last instanceof Activation.Argmax;
    int lastStage = stages.size() - 1;
    int lastInputBits = stages.get(lastStage).hardware().module().port("x").orElseThrow().type().width();
    if (scores && lastInputBits != last.inputs() * last.inputType().width()) {
      throw new IllegalArgumentException(network.name() + ": the argmax " + last.name() + " must be the last stage on"
          + " its own, for its scores to be observed");
    }
    List<Observation> observations = new ArrayList<>();
    observations.add(new Observation(io -> io.y, io -> io.outValid, "y", "out_valid", chain.size(),
        network.outputType(), scores ? "the argmax class" : "the output of " + last.name()));
    if (scores) {
      observations.add(new Observation(io -> io.scores, io -> io.outValid, "scores", "out_valid", chain.size() - 1,
          last.inputType(), "the " + last.inputs() + " pre-argmax scores"));
    }
    NetworkIo.Shape shape = new NetworkIo.Shape(new NetworkIo.Values(network.inputs(), network.inputType()),
        new NetworkIo.Values(network.outputs(), network.outputType()),
        scores ? new NetworkIo.Values(last.inputs(), last.inputType()) : null, List.of());
    List<String> identifiers = HardwareNames.uniqueIdentifiers(stages.stream().map(Stage::name).toList());
    Component<NetworkIo> top = module(HardwareNames.moduleName(network.name()), NetworkIo.of(shape), (m, io) -> {
      Bool valid = io.inValid;
      Vec<Fixed> values = io.x;
      for (int k = 0; k < stages.size(); k++) {
        LayerHardware stage = stages.get(k).hardware();
        LayerIo instance = m.instance("u_" + identifiers.get(k), stage.module());
        instance.inValid.assign(valid);
        instance.x.assign(values);
        if (k == lastStage && io.scores != null) {
          // the scores wait as long as the argmax takes, to leave with its class
          io.scores.assign(m.delay("scores", values, stage.latency()));
        }
        valid = instance.outValid;
        values = instance.y;
      }
      io.outValid.assign(valid);
      io.y.assign(values);
    });
    List<LayerHardware> hardware = stages.stream().map(Stage::hardware).toList();
    int latency = hardware.stream().mapToInt(LayerHardware::latency).sum();
    int interval = hardware.stream().mapToInt(LayerHardware::initiationInterval).max().orElse(1);
    long multipliers = hardware.stream().mapToLong(LayerHardware::multipliers).sum();
    return new NetworkHardware(network, top, latency, interval, multipliers, hardware, observations, Optional.empty());
  }
}
