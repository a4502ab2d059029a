package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Fifo;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a network as a streaming dataflow pipeline (FINN's architecture): {@link DataflowPlanner} makes the
 * stages from the network and its folding, {@link PipelineSchedule} derives the FIFO depths, and the top module
 * chains the stages' instances with a FIFO of the derived depth between each two.
 *
 * <pre>{@code
 * DataflowHardware hw = new DataflowGenerator(network, FoldingSearch.forCycles(network, 100)).build();
 * SystemVerilog.write(hw.top(), out);
 * }</pre>
 */
public final class DataflowGenerator {

  private final Network network;
  private final Folding folding;

  public DataflowGenerator(Network network, Folding folding) {
    this.network = network;
    this.folding = folding;
  }

  public DataflowHardware build() {
    List<Stage> stages = DataflowPlanner.plan(network, folding);
    PipelineSchedule schedule = PipelineSchedule.of(stages);
    return new DataflowHardware(network, folding, stages, schedule, top(stages, schedule));
  }

  private Component<? extends StageIo<?>> top(List<Stage> stages, PipelineSchedule schedule) {
    Stage first = stages.get(0);
    Stage last = stages.get(stages.size() - 1);
    List<Component<? extends StageIo<?>>> modules = new ArrayList<>();
    for (Stage s : stages) {
      modules.add(s.build());
    }
    return top(HardwareNames.moduleName(network.name()) + "_dataflow", first, last.outPayload(), stages, modules,
        schedule);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Data> Component<StageIo<T>> top(String name, Stage first, DataType<T> out,
      List<Stage> stages, List<Component<? extends StageIo<?>>> modules, PipelineSchedule schedule) {
    return module(name, StageIo.of(first.inLanes(), first.inType(), out), (m, io) -> {
      Stream<Vec<Fixed>> stream = io.in;
      for (int k = 0; k < stages.size(); k++) {
        StageIo<?> u = m.instance("u" + k + "_" + stages.get(k).name(), modules.get(k));
        u.in.connect(stream);
        if (k == stages.size() - 1) {
          io.out.connect(u.out);
        } else {
          Stream<Vec<Fixed>> produced = (Stream<Vec<Fixed>>) u.out;
          if (schedule.fifoDepths().get(k) == 0) {
            stream = produced;
            continue;
          }
          Fifo.Io<Vec<Fixed>> queue = m.instance("q" + k, Fifo.of((DataType<Vec<Fixed>>) produced.payload.dataType(),
              schedule.fifoDepths().get(k)));
          queue.in.connect(produced);
          stream = queue.out;
        }
      }
    });
  }
}
