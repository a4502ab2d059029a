package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import java.util.List;
import java.util.Objects;

/**
 * The class of a network that ends in an argmax (FINN's LabelSelect): the whole score vector arrives in one
 * beat and leaves with the index of its first largest value, as {@link ClassScores} (two register stages).
 */
public record ArgmaxStage(String name, Activation.Argmax layer) implements Stage {

  public ArgmaxStage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layer, "layer");
  }

  @Override
  public List<String> layers() {
    return List.of(layer.name());
  }

  @Override
  public int inLanes() {
    return layer.inputs();
  }

  @Override
  public FixedType inType() {
    return layer.inputType();
  }

  @Override
  public int outLanes() {
    return 1;
  }

  @Override
  public FixedType outType() {
    return layer.outputType();
  }

  @Override
  public DataType<ClassScores> outPayload() {
    return ClassScores.of(layer.outputType(), layer.inputs(), layer.inputType());
  }

  @Override
  public long inBeats() {
    return 1;
  }

  @Override
  public long outBeats() {
    return 1;
  }

  @Override
  public long cyclesPerFrame() {
    return 1;
  }

  @Override
  public StageTiming timing() {
    return new StepTiming(1, j -> true, j -> true, 2);
  }

  @Override
  public Component<StageIo<ClassScores>> build() {
    int n = layer.inputs();
    FixedType classType = layer.outputType();
    return module("argmax_" + name, StageIo.of(n, layer.inputType(), outPayload()),
        (m, io) -> {
          OutputSlot<ClassScores> slot = OutputSlot.of(m, io.out);
          Bool en = slot.enable();
          Bool issue = en.and(io.in.valid).named("issue");
          io.in.ready.assign(en);
          Bool v1 = slot.validStage("v1", issue);
          Vec<Fixed> x1 = slot.stage("x1", io.in.payload);
          Fixed best = x1.get(0);
          UInt index = constant(0, uint(classType.width()));
          for (int i = 1; i < n; i++) {
            Bool larger = x1.get(i).gt(best);
            best = mux(larger, x1.get(i), best);
            index = mux(larger, constant(i, uint(classType.width())), index);
          }
          ClassScores result = m.wire("result", outPayload());
          result.y.assign(vecOf(index.as(classType)));
          result.scores.assign(x1);
          slot.load(v1, result);
        });
  }

  @Override
  public String describe() {
    return "argmax of " + layer.inputs();
  }
}
