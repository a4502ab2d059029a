package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.module;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.LayerGenerators;
import dev.gatewright.nn.hw.LayerHardware;
import dev.gatewright.nn.hw.LayerIo;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.StageChain;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a network as its {@link LutPlan} says: one module instance per stage (a layer of truth-table
 * neurons, or one layer of adder arithmetic by the usual generators), chained by valid signals. The top
 * computes exactly the network's golden model: {@code y} is the network's output and, when it ends in an
 * argmax, {@code scores} the values the argmax chose from.
 */
public final class LutNetworkGenerator {

  private final LutPlan plan;

  public LutNetworkGenerator(LutPlan plan) {
    this.plan = plan;
  }

  public LutNetworkGenerator(Network network, LutOptions options) {
    this(LutPlan.of(network, options));
  }

  /**
   * The network as {@link NetworkHardware}: the ports ({@code in_valid}, {@code x}, {@code out_valid}, {@code y},
   * {@code scores}) and observations of a generated network's top, so that a network build verifies and
   * synthesizes it like any other.
   */
  public NetworkHardware buildNetwork() {
    List<StageChain.Stage> chain = new ArrayList<>();
    List<LayerHardware> stages = stageHardware();
    for (int k = 0; k < stages.size(); k++) {
      chain.add(new StageChain.Stage(stageName(plan.stages().get(k)), stages.get(k)));
    }
    return StageChain.build(plan.network(), chain);
  }

  private List<LayerHardware> stageHardware() {
    List<LayerHardware> stages = new ArrayList<>();
    for (LutPlan.Stage stage : plan.stages()) {
      if (stage instanceof LutPlan.Table table) {
        stages.add(new TruthTableGenerator(table.layer(), plan.options().style()).build());
      } else {
        LutPlan.Arithmetic arithmetic = (LutPlan.Arithmetic) stage; // the last kind of the sealed interface
        stages.add(arithmetic.layer().accept(new LayerGenerators(plan.network().name(), plan.options().arithmetic())));
      }
    }
    return stages;
  }

  private static String stageName(LutPlan.Stage stage) {
    if (stage instanceof LutPlan.Table table) {
      return String.join("_", table.layer().covers());
    }
    return ((LutPlan.Arithmetic) stage).layer().name(); // the last kind of the sealed interface
  }

  public LutNetworkHardware build() {
    Network network = plan.network();
    List<Layer> layers = network.layers();
    List<LayerHardware> stages = stageHardware();
    List<String> names = plan.stages().stream().map(LutNetworkGenerator::stageName).toList();
    List<String> identifiers = HardwareNames.uniqueIdentifiers(names);
    Layer last = layers.get(layers.size() - 1);
    boolean scores = last instanceof Activation.Argmax;
    int lastStage = stages.size() - 1;
    Component<LutNetworkIo> top = module(HardwareNames.moduleName(network.name()),
        LutNetworkIo.of(network.inputs(), network.inputType(), network.outputs(), network.outputType(),
            last.inputs(), scores ? last.inputType() : null), (m, io) -> {
          Bool valid = io.inValid;
          Vec<Fixed> values = io.x;
          for (int k = 0; k < stages.size(); k++) {
            LayerIo stage = m.instance("u_" + identifiers.get(k), stages.get(k).module());
            stage.inValid.assign(valid);
            stage.x.assign(values);
            if (k == lastStage && io.scores != null) {
              io.scores.assign(m.delay("scores", values, stages.get(k).latency()));
            }
            valid = stage.outValid;
            values = stage.y;
          }
          io.outValid.assign(valid);
          io.y.assign(values);
        });
    int latency = stages.stream().mapToInt(LayerHardware::latency).sum();
    int interval = stages.stream().mapToInt(LayerHardware::initiationInterval).max().orElse(1);
    return new LutNetworkHardware(plan, top, stages, latency, interval);
  }
}
