package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An element-wise layer on {@code lanes} values per beat: a {@link Thresholds} layer (FINN's thresholding
 * unit) or an element-wise {@link Activation}. A threshold layer's rows usually repeat (per channel of a
 * feature map): with {@code period} rows, value {@code e} of a frame uses row {@code e mod period}, and each
 * lane reads its thresholds from a table indexed by the beat's place in the period.
 */
public record MapStage(String name, List<String> layers, Layer layer, int lanes) implements Stage {

  public MapStage {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    Objects.requireNonNull(layer, "layer");
    if (!(layer instanceof Thresholds) && !(layer instanceof Activation a && LaneFunctions.elementwise(a))) {
      throw new IllegalArgumentException(layer.name() + " is not an element-wise layer");
    }
    Stage.requireLanesDivide(layer.name(), lanes, layer.inputs(), "values");
  }

  /** The number of values after which the layer's parameters repeat (1 for an activation). */
  public int period() {
    return layer instanceof Thresholds t ? Periods.ofRows(t) : 1;
  }

  /** Beats after which the per-lane tables repeat: {@code lcm(period, lanes) / lanes}. */
  int phases() {
    long p = period();
    long lcm = p / gcd(p, lanes) * lanes;
    return (int) (lcm / lanes);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
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
    return layer.inputs() / lanes;
  }

  @Override
  public long outBeats() {
    return inBeats();
  }

  @Override
  public long cyclesPerFrame() {
    return inBeats();
  }

  static final int DEPTH = 2;

  @Override
  public StageTiming timing() {
    return new StepTiming(1, StepTiming.IntPredicateLong.always(), StepTiming.IntPredicateLong.always(), DEPTH);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    return new MapGenerator(this).build();
  }

  @Override
  public String describe() {
    String what = layer instanceof Thresholds t ? t.steps() + "-step thresholds (period " + period() + ")"
        : layer.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return "map " + what + ", " + lanes + " lanes";
  }
}
