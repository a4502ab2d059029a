package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.util.Objects;

/**
 * A convolution over a channels-last {@link FeatureMap} (one-dimensional with height 1): at every output
 * position the {@link Window}'s values, in the order (kernel row, kernel column, channel), go through the
 * {@link Dense} {@code kernel} — {@code kernel.inputs()} is {@code kernelHeight · kernelWidth · channels},
 * its outputs are the output channels. Padded positions hold raw 0. The output is channels-last again:
 * output position {@code (y, x)}, channel {@code o} at {@code (y · outputWidth + x) · outputs + o}. What it
 * computes, bit for bit, is {@link GoldenModel#conv}.
 */
public record Conv(String name, FeatureMap input, Window window, Dense kernel) implements Layer {

  public Conv {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(kernel, "kernel");
    if (!kernel.name().equals(name)) {
      throw new IllegalArgumentException(name + ": the kernel is named " + kernel.name() + ", not after its layer");
    }
    if (kernel.inputs() != window.size(input.channels())) {
      throw new IllegalArgumentException(name + ": a " + window.kernelHeight() + " x " + window.kernelWidth()
          + " window over " + input.channels() + " channels has " + window.size(input.channels())
          + " values, but the kernel takes " + kernel.inputs());
    }
    try {
      window.output(input, kernel.outputs());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage() + " (input " + input + ")");
    }
  }

  /** The output map: output positions × output channels. */
  public FeatureMap output() {
    return window.output(input, kernel.outputs());
  }

  @Override
  public int inputs() {
    return input.size();
  }

  @Override
  public FixedType inputType() {
    return kernel.inputType();
  }

  @Override
  public int outputs() {
    return output().size();
  }

  @Override
  public FixedType outputType() {
    return kernel.outputType();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.conv(this);
  }

  @Override
  public String toString() {
    return "conv " + name + " " + input + " -> " + output() + " window " + window + " kernel " + kernel;
  }
}
