package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.Window;
import java.util.List;
import java.util.Objects;

/**
 * A sliding-window generator (FINN's ConvolutionInputGenerator): takes a channels-last feature map, {@code lanes}
 * channels per beat ({@code lanes} divides the channels), and sends every output position's window in the order
 * (kernel row, kernel column, channel), {@code lanes} channels per beat, with {@code pad} (a raw value) where the
 * window lies in the padding. The map's rows go into a ring of {@link #ringRows()} line buffers, enough that the
 * rows of the next output row (and of the next frame) stream in while the current windows are read.
 */
public record WindowStage(String name, List<String> layers, FeatureMap input, Window window, int lanes, FixedType type,
    long pad) implements Stage {

  public WindowStage {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(type, "type");
    Stage.requireLanesDivide(layers.get(0), lanes, input.channels(), "input channels");
  }

  /** Beats per pixel. */
  int channelFold() {
    return input.channels() / lanes;
  }

  int outputHeight() {
    return window.outputHeight(input);
  }

  int outputWidth() {
    return window.outputWidth(input);
  }

  /** The first input row output row {@code oy} needs (clamped into the map): rows above it are done with. */
  int firstRow(int oy) {
    return Math.min(Math.max(oy * window.strideHeight() - window.padTop(), 0), input.height());
  }

  /** The last input row output row {@code oy} needs. */
  int lastRow(int oy) {
    return Math.min(input.height() - 1, oy * window.strideHeight() - window.padTop() + window.kernelHeight() - 1);
  }

  int lastColumn(int ox) {
    return Math.min(input.width() - 1, ox * window.strideWidth() - window.padLeft() + window.kernelWidth() - 1);
  }

  /** Rows freed when output row {@code oy} is finished (after the last one, the rest of the frame). */
  int freedAfter(int oy) {
    return (oy + 1 < outputHeight() ? firstRow(oy + 1) : input.height()) - firstRow(oy);
  }

  /**
   * Rows of the ring: the most rows held at once when the next output row (or the next frame's first) is
   * fully written while the current one is read, and at least the kernel's height.
   */
  public int ringRows() {
    int oh = outputHeight();
    int rows = window.kernelHeight();
    for (int oy = 0; oy < oh; oy++) {
      int next = oy + 1 < oh ? lastRow(oy + 1) + 1 - firstRow(oy)
          : input.height() - firstRow(oy) + lastRow(0) + 1;
      rows = Math.max(rows, Math.max(next, lastRow(oy) + 1 - firstRow(oy)));
    }
    if (rows * input.width() * channelFold() < 2) {
      rows = 2; // a memory of one word is a register; keep the ring a memory
    }
    return rows;
  }

  @Override
  public int inLanes() {
    return lanes;
  }

  @Override
  public FixedType inType() {
    return type;
  }

  @Override
  public int outLanes() {
    return lanes;
  }

  @Override
  public FixedType outType() {
    return type;
  }

  @Override
  public long inBeats() {
    return (long) input.pixels() * channelFold();
  }

  @Override
  public long outBeats() {
    return (long) outputHeight() * outputWidth() * window.kernelHeight() * window.kernelWidth() * channelFold();
  }

  @Override
  public long cyclesPerFrame() {
    return Math.max(inBeats(), outBeats());
  }

  @Override
  public StageTiming timing() {
    return new WindowTiming(this);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    return new WindowGenerator(this).build();
  }

  @Override
  public String describe() {
    return "sliding window " + input + " " + window + ", " + lanes + " lanes, " + ringRows() + " line buffers";
  }
}
