package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.MaxPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The max of each window (FINN's Pool after a sliding window): windows arrive from a {@link WindowStage} in the
 * order (kernel row, kernel column, channel), {@code lanes} channels per beat; a running maximum per channel group
 * is kept and, with the window's last position, sent on: one output beat per channel group and position.
 */
public record PoolStage(String name, List<String> layers, MaxPool layer, int lanes) implements Stage {

  public PoolStage {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    Objects.requireNonNull(layer, "layer");
    Stage.requireLanesDivide(layer.name(), lanes, layer.input().channels(), "channels");
  }

  private int channelFold() {
    return layer.input().channels() / lanes;
  }

  private int positions() {
    return layer.window().kernelHeight() * layer.window().kernelWidth();
  }

  @Override
  public int inLanes() {
    return lanes;
  }

  @Override
  public FixedType inType() {
    return layer.type();
  }

  @Override
  public int outLanes() {
    return lanes;
  }

  @Override
  public FixedType outType() {
    return layer.type();
  }

  @Override
  public long inBeats() {
    return outBeats() * positions();
  }

  @Override
  public long outBeats() {
    return (long) layer.output().pixels() * channelFold();
  }

  @Override
  public long cyclesPerFrame() {
    return inBeats();
  }

  @Override
  public StageTiming timing() {
    long period = (long) positions() * channelFold();
    long last = period - channelFold();
    return new StepTiming(period, j -> true, j -> j >= last, 2);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    int cf = channelFold();
    int positions = positions();
    FixedType type = layer.type();
    return module("maxpool_" + HardwareNames.identifier(name), StageIo.of(lanes, type, lanes, type), (m, io) -> {
      ChannelGroupFold fold = ChannelGroupFold.of(m, io, cf, "position", positions);
      Vec<Fixed> best = fold.running(m, "best", io.in.payload.type());
      Vec<Fixed> next = running(fold.beat, best, fold.first);
      fold.keep(next);
      fold.slot.load(fold.valid.and(fold.last), next);
    });
  }

  /** Per lane: the new value at a window's first position, else the larger of it and the running maximum. */
  private static Vec<Fixed> running(Vec<Fixed> x, Vec<Fixed> best, Bool first) {
    List<Fixed> lanes = new ArrayList<>();
    for (int l = 0; l < x.size(); l++) {
      Fixed v = x.get(l);
      Fixed b = best.get(l);
      lanes.add(mux(first.or(v.gt(b)), v, b));
    }
    return vecOf(lanes);
  }

  @Override
  public String describe() {
    return "max pool " + layer.window() + ", " + lanes + " lanes";
  }
}
