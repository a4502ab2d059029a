package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Thresholds;
import java.util.Locale;

/**
 * What a matrix-vector unit does with each finished sum: the dense layer's own requantization (overflow into
 * the accumulator type, resize into the result type), optionally followed by an element-wise activation; or
 * a multi-threshold activation (FINN's {@code MultiThreshold}) on the requantized value, per channel.
 */
public sealed interface MvauActivation {

  /** The type of the unit's outputs for {@code kernel}. */
  FixedType outputType(Dense kernel);

  /** For reports. */
  String describe();

  <R> R accept(Visitor<R> visitor);

  /** One method per kind. */
  interface Visitor<R> {
    R requantize();

    R then(Activation activation);

    R threshold(Thresholds thresholds);
  }

  /** The dense layer's result quantizer alone: a fixed-point requantizer. */
  record Requantize() implements MvauActivation {
    @Override
    public FixedType outputType(Dense kernel) {
      return kernel.outputType();
    }

    @Override
    public String describe() {
      return "requantize";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.requantize();
    }
  }

  /** The requantized value through an element-wise activation (linear, ReLU, clip, hard tanh, sigmoid, tanh). */
  record Then(Activation activation) implements MvauActivation {
    @Override
    public FixedType outputType(Dense kernel) {
      return activation.outputType();
    }

    @Override
    public String describe() {
      return "requantize+" + activation.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.then(activation);
    }
  }

  /**
   * Thresholds per output channel: channel {@code c} of the unit uses row {@code c} of {@code thresholds} (the
   * layer's rows repeat with the unit's channel count, for a convolution once per output position).
   */
  record Threshold(Thresholds thresholds) implements MvauActivation {
    @Override
    public FixedType outputType(Dense kernel) {
      return thresholds.outputType();
    }

    @Override
    public String describe() {
      return thresholds.steps() + "-step thresholds";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.threshold(thresholds);
    }
  }
}
