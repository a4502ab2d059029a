package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.util.Objects;

/**
 * Max pooling over a channels-last {@link FeatureMap}: each output channel at each output position is the
 * largest of the window's values of that channel; padded positions never win (the window always holds a
 * value of the map). Output and input have one type. What it computes is {@link GoldenModel#maxPool}.
 */
public record MaxPool(String name, FeatureMap input, FixedType type, Window window) implements Layer {

  public MaxPool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(window, "window");
    Dense.checkWidth(name, type);
    try {
      window.output(input, input.channels());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage() + " (input " + input + ")");
    }
  }

  public FeatureMap output() {
    return window.output(input, input.channels());
  }

  @Override
  public int inputs() {
    return input.size();
  }

  @Override
  public FixedType inputType() {
    return type;
  }

  @Override
  public int outputs() {
    return output().size();
  }

  @Override
  public FixedType outputType() {
    return type;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.maxPool(this);
  }

  @Override
  public String toString() {
    return "max pool " + name + " " + input + " -> " + output() + " window " + window;
  }
}
