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
import dev.gatewright.nn.arith.DenseArithmetic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chains a network's layers into one pipeline: each layer is a module instance ({@link LayerIo}),
 * connected by its valid signal and its value vector. With reuse 1 the whole network is pipelined as one
 * ({@link TimedNetwork}: registers placed for the clock of {@link DenseOptions#clock()}, or every K adder
 * levels); time-shared layers keep their own registers. The top's ports are {@link NetworkIo}: the
 * network's input and output, the pre-argmax scores when the network ends in an argmax, and, with
 * {@link #withLayerProbes()}, every hidden layer's output, so that verification can compare every value
 * a user relies on ({@link NetworkHardware#observations()}).
 */
public final class NetworkGenerator {

  private final Network network;
  private final DenseOptions options;
  private final boolean layerProbes;

  public NetworkGenerator(Network network, DenseOptions options) {
    this(network, options, false);
  }

  private NetworkGenerator(Network network, DenseOptions options, boolean layerProbes) {
    this.network = network;
    this.options = options;
    this.layerProbes = layerProbes;
  }

  /**
   * A generator whose top also has ports for each hidden layer's output and valid signal (no extra
   * logic: the layers' output registers drive them); the layer modules are the same.
   */
  public NetworkGenerator withLayerProbes() {
    return new NetworkGenerator(network, options, true);
  }

  public NetworkHardware build() {
    List<Layer> chain = network.layers();
    List<LayerHardware> layers;
    Optional<PipelineSummary> pipeline;
    if (options.reuse() == 1) {
      TimedNetwork.Result timed = TimedNetwork.build(chain, dense -> DenseArithmetic.inputRanges(network, dense), options);
      layers = timed.layers();
      pipeline = Optional.of(timed.summary());
    } else {
      layers = chain.stream().map(layer -> layer.accept(new LayerGenerators(network.name(), options))).toList();
      pipeline = Optional.empty();
    }
    List<String> identifiers = HardwareNames.uniqueIdentifiers(chain.stream().map(Layer::name).toList());
    int last = chain.size() - 1;
    boolean scores = chain.get(last) instanceof Activation.Argmax;
    List<NetworkIo.ProbeShape> probes = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    observations.add(new Observation(io -> io.y, io -> io.outValid, "y", "out_valid", chain.size(), network.outputType(),
        scores ? "the argmax class" : "the output of " + chain.get(last).name()));
    if (scores) {
      observations.add(new Observation(io -> io.scores, io -> io.outValid, "scores", "out_valid", last,
          chain.get(last).inputType(),
          "the " + chain.get(last).inputs() + " pre-argmax scores"));
    }
    for (int k = 0; layerProbes && k < last; k++) {
      Layer layer = chain.get(k);
      String prefix = "probe_" + identifiers.get(k);
      probes.add(new NetworkIo.ProbeShape(identifiers.get(k), new NetworkIo.Values(layer.outputs(), layer.outputType())));
      int probe = probes.size() - 1;
      observations.add(new Observation(io -> io.probes.get(probe).y(), io -> io.probes.get(probe).valid(), prefix + "_y",
          prefix + "_valid", k + 1, layer.outputType(),
          "the output of layer " + layer.name()));
    }
    NetworkIo.Shape shape = new NetworkIo.Shape(new NetworkIo.Values(network.inputs(), network.inputType()),
        new NetworkIo.Values(network.outputs(), network.outputType()),
        scores ? new NetworkIo.Values(chain.get(last).inputs(), chain.get(last).inputType()) : null, probes);
    Component<NetworkIo> top = module(HardwareNames.moduleName(network.name()), NetworkIo.of(shape), (m, io) -> {
      Bool valid = io.inValid;
      Vec<Fixed> values = io.x;
      for (int k = 0; k < layers.size(); k++) {
        LayerIo layer = m.instance("u_" + identifiers.get(k), layers.get(k).module());
        layer.inValid.assign(valid);
        layer.x.assign(values);
        if (k == last && io.scores != null) {
          // the scores wait as long as the argmax takes, to leave with its class
          io.scores.assign(m.delay("scores", values, layers.get(k).latency()));
        }
        valid = layer.outValid;
        values = layer.y;
        if (k < io.probes.size()) {
          io.probes.get(k).valid().assign(valid);
          io.probes.get(k).y().assign(values);
        }
      }
      io.outValid.assign(valid);
      io.y.assign(values);
    });
    int latency = layers.stream().mapToInt(LayerHardware::latency).sum();
    int interval = layers.stream().mapToInt(LayerHardware::initiationInterval).max().orElse(1);
    long multipliers = layers.stream().mapToLong(LayerHardware::multipliers).sum();
    return new NetworkHardware(network, top, latency, interval, multipliers, layers, observations, pipeline);
  }
}
