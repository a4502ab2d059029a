package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.vecOf;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.UInt;
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
    if (lanes < 1 || layer.input().channels() % lanes != 0) {
      throw new IllegalArgumentException(layer.name() + ": " + lanes + " channels per beat must divide the "
          + layer.input().channels() + " channels (" + Folding.divisors(layer.input().channels()) + ")");
    }
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
      OutputSlot<Vec<Fixed>> slot = OutputSlot.of(m, io.out);
      Bool en = slot.enable();
      Bool issue = en.and(io.in.valid).named("issue");
      io.in.ready.assign(en);
      UInt group = Hw.counter(m, "group", cf);
      UInt position = Hw.counter(m, "position", positions);
      Hw.advance(group, cf, issue);
      Hw.advance(position, positions, issue.and(Hw.at(group, cf - 1)));
      Bool v1 = slot.validStage("v1", issue);
      Vec<Fixed> x1 = slot.stage("x1", io.in.payload);
      Bool first1 = positions == 1 ? dev.gatewright.hdl.Hdl.constant(true) : slot.stage("first1", Hw.at(position, 0));
      Bool last1 = positions == 1 ? first1 : slot.stage("last1", Hw.at(position, positions - 1));
      UInt group1 = group == null ? null : slot.stage("group1", group);
      Vec<Fixed> best;
      if (cf == 1) {
        best = m.reg("best", io.in.payload.type());
      } else {
        Memory<Vec<Fixed>> store = m.memory("best", cf, io.in.payload.type());
        UInt at = Hw.address(group1, cf);
        best = store.readAsync(at);
        Vec<Fixed> updated = running(x1, best, first1);
        when(en.and(v1), () -> store.write(at, updated));
      }
      Vec<Fixed> next = running(x1, best, first1);
      if (cf == 1) {
        Vec<Fixed> reg = best;
        when(en.and(v1), () -> reg.assign(next));
      }
      slot.load(v1.and(last1), next);
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
