package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.vec;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.HardwareNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A global pool (FINN's GlobalAccPool, with the division): the map arrives channels-last, {@code lanes} channels per
 * beat; an exact running sum per channel group is kept, and with the last position each group's sums are divided
 * ({@link ConstantDivision}) and sent: one output beat per channel group.
 */
public record GlobalPoolStage(String name, List<String> layers, GlobalPool layer, int lanes) implements Stage {

  public GlobalPoolStage {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    Objects.requireNonNull(layer, "layer");
    Stage.requireLanesDivide(layer.name(), lanes, layer.input().channels(), "channels");
  }

  private int channelFold() {
    return layer.input().channels() / lanes;
  }

  /** Whether the division needs a stage of its own (a divisor that is not a power of two). */
  private boolean dividing() {
    return Long.bitCount(layer.divisor()) != 1;
  }

  @Override
  public int inLanes() {
    return lanes;
  }

  @Override
  public FixedType inType() {
    return layer.inputType();
  }

  @Override
  public int outLanes() {
    return lanes;
  }

  @Override
  public FixedType outType() {
    return layer.outputType();
  }

  @Override
  public long inBeats() {
    return (long) layer.input().pixels() * channelFold();
  }

  @Override
  public long outBeats() {
    return channelFold();
  }

  @Override
  public long cyclesPerFrame() {
    return inBeats();
  }

  @Override
  public StageTiming timing() {
    long period = inBeats();
    long last = period - channelFold();
    return new StepTiming(period, j -> true, j -> j >= last, dividing() ? 3 : 2);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    int cf = channelFold();
    int pixels = layer.input().pixels();
    FixedType sumType = layer.sumType();
    return module("globalpool_" + HardwareNames.identifier(name),
        StageIo.of(lanes, layer.inputType(), lanes, layer.outputType()), (m, io) -> {
          ChannelGroupFold fold = ChannelGroupFold.of(m, io, cf, "pixel", pixels);
          Vec<Fixed> stored = fold.running(m, "sums", vec(lanes, sumType));
          List<Fixed> next = new ArrayList<>();
          for (int l = 0; l < lanes; l++) {
            Fixed x = Hw.fit(fold.beat.get(l), sumType);
            next.add(mux(fold.first, x, Hw.fit(stored.get(l).add(fold.beat.get(l)), sumType)));
          }
          Vec<Fixed> updated = vecOf(next);
          fold.keep(updated);
          Bool done = fold.valid.and(fold.last);
          Vec<Fixed> total = updated;
          if (dividing()) {
            done = fold.slot.validStage("v2", done);
            total = fold.slot.stage("total2", updated);
          }
          List<Fixed> y = new ArrayList<>();
          for (int l = 0; l < lanes; l++) {
            y.add(ConstantDivision.divide(total.get(l), layer.divisor(), layer.result()));
          }
          fold.slot.load(done, vecOf(y));
        });
  }

  @Override
  public String describe() {
    return "global pool / " + layer.divisor() + ", " + lanes + " lanes";
  }
}
