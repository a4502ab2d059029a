package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.vecOf;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data width converter between stages whose beats differ (FINN's StreamingDataWidthConverter): from
 * {@code inLanes} to {@code outLanes} values of one type, the values in order. One must divide the other (the
 * planner chains two through their least common multiple otherwise): going wider it collects
 * {@code outLanes / inLanes} beats and sends one, going narrower it holds one beat and sends it in pieces, one
 * per cycle.
 */
public record WidthStage(String name, int size, FixedType type, int inLanes, int outLanes) implements Stage {

  public WidthStage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (inLanes < 1 || outLanes < 1 || (outLanes % inLanes != 0 && inLanes % outLanes != 0)) {
      throw new IllegalArgumentException(name + ": " + inLanes + " and " + outLanes + " lanes: one must divide the other");
    }
    if (size % inLanes != 0 || size % outLanes != 0) {
      throw new IllegalArgumentException(name + ": " + size + " values per frame in beats of " + inLanes + " and "
          + outLanes);
    }
  }

  @Override
  public List<String> layers() {
    return List.of();
  }

  @Override
  public FixedType inType() {
    return type;
  }

  @Override
  public FixedType outType() {
    return type;
  }

  @Override
  public long inBeats() {
    return size / inLanes;
  }

  @Override
  public long outBeats() {
    return size / outLanes;
  }

  @Override
  public long cyclesPerFrame() {
    return Math.max(inBeats(), outBeats());
  }

  private boolean wider() {
    return outLanes >= inLanes;
  }

  private int ratio() {
    return wider() ? outLanes / inLanes : inLanes / outLanes;
  }

  @Override
  public StageTiming timing() {
    int k = ratio();
    return wider() ? new StepTiming(k, j -> true, j -> j == k - 1, 1) : new StepTiming(k, j -> j == 0, j -> true, 1);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    int k = ratio();
    return module("dwc_" + name, StageIo.of(inLanes, type, outLanes, type), (m, io) -> {
      OutputSlot<Vec<Fixed>> slot = OutputSlot.of(m, io.out);
      Bool en = slot.enable();
      UInt piece = Hw.counter(m, "piece", k);
      Bool first = Hw.at(piece, 0);
      Bool last = Hw.at(piece, k - 1);
      if (wider()) {
        Bool issue = en.and(io.in.valid).named("issue");
        io.in.ready.assign(en);
        Hw.advance(piece, k, issue);
        List<Fixed> values = new ArrayList<>();
        for (int j = 0; j < k - 1; j++) {
          Vec<Fixed> held = m.reg("beat" + j, io.in.payload.type());
          Bool store = issue.and(Hw.at(piece, j));
          when(store, () -> held.assign(io.in.payload));
          values.addAll(held.elements());
        }
        values.addAll(io.in.payload.elements());
        slot.load(issue.and(last), vecOf(values));
      } else {
        Bool issue = en.and(first.not().or(io.in.valid)).named("issue");
        io.in.ready.assign(en.and(first));
        Hw.advance(piece, k, issue);
        Vec<Fixed> held = m.reg("held", io.in.payload.type());
        when(issue.and(first), () -> held.assign(io.in.payload));
        Vec<Fixed> source = k == 1 ? io.in.payload : dev.gatewright.hdl.Hdl.mux(first, io.in.payload, held);
        List<Vec<Fixed>> pieces = new ArrayList<>();
        for (int j = 0; j < k; j++) {
          pieces.add(vecOf(source.elements().subList(j * outLanes, (j + 1) * outLanes)));
        }
        Vec<Fixed> out = pieces.get(0);
        for (int j = 1; j < k; j++) {
          out = dev.gatewright.hdl.Hdl.mux(Hw.at(piece, j), pieces.get(j), out);
        }
        slot.load(issue, out);
      }
    });
  }

  @Override
  public String describe() {
    return "width " + inLanes + " -> " + outLanes + " lanes";
  }
}
