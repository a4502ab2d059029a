package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.util.Objects;

/**
 * Element-wise and vector activations. Each record knows its input width and type (filled in by
 * {@link Network.Builder}); what each computes, bit for bit, is {@link GoldenModel#activation}.
 *
 * <p>{@link Linear}, {@link Relu}, {@link ClippedRelu} and {@link HardTanh} end with a {@link Quantizer}
 * {@code result}; by default it is the input type with TRUNCATE/WRAP, which changes nothing.
 */
public sealed interface Activation extends Layer {

  /** The number of values in; element-wise activations have as many out. */
  int size();

  @Override
  default int inputs() {
    return size();
  }

  /** Calls the method of {@code visitor} for this activation's kind. */
  <R> R accept(Visitor<R> visitor);

  @Override
  default <R> R accept(Layer.Visitor<R> visitor) {
    return accept((Visitor<R>) visitor);
  }

  /**
   * One method per kind of activation; a new kind adds a method here, so that every place that treats
   * the kinds differently fails to compile until it handles it.
   */
  interface Visitor<R> {
    R linear(Linear layer);

    R relu(Relu layer);

    R clippedRelu(ClippedRelu layer);

    R hardTanh(HardTanh layer);

    R sigmoid(Sigmoid layer);

    R tanh(Tanh layer);

    R softmax(Softmax layer);

    R argmax(Argmax layer);
  }

  @Override
  default int outputs() {
    return size();
  }

  /** {@code y = result(x)}. */
  record Linear(String name, int size, FixedType inputType, Quantizer result) implements Activation {
    public Linear {
      check(name, size, inputType);
      Objects.requireNonNull(result, "result");
      Dense.checkWidth(name, result.type());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.linear(this);
    }

    @Override
    public FixedType outputType() {
      return result.type();
    }
  }

  /** {@code y = result(max(x, 0))}. */
  record Relu(String name, int size, FixedType inputType, Quantizer result) implements Activation {
    public Relu {
      check(name, size, inputType);
      Objects.requireNonNull(result, "result");
      Dense.checkWidth(name, result.type());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.relu(this);
    }

    @Override
    public FixedType outputType() {
      return result.type();
    }
  }

  /**
   * {@code y = result(min(max(x, 0), c))} where {@code c} is {@code ceiling} in the input type
   * ({@link #ceilingRaw()}).
   */
  record ClippedRelu(String name, int size, FixedType inputType, double ceiling, Quantizer result)
      implements Activation {
    public ClippedRelu {
      check(name, size, inputType);
      Objects.requireNonNull(result, "result");
      Dense.checkWidth(name, result.type());
      if (!(ceiling > 0) || Double.isInfinite(ceiling)) {
        throw new IllegalArgumentException(name + ": clipped ReLU ceiling must be finite and > 0, not " + ceiling);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.clippedRelu(this);
    }

    /** The ceiling as a raw value of the input type: HALF_EVEN, SATURATE. */
    public long ceilingRaw() {
      return FixedMath.fromDouble(ceiling, inputType, Rounding.HALF_EVEN, Overflow.SATURATE).longValueExact();
    }

    @Override
    public FixedType outputType() {
      return result.type();
    }
  }

  /** {@code y = result(min(max(x, −1), 1))}, with ±1 taken into the input type by saturation. */
  record HardTanh(String name, int size, FixedType inputType, Quantizer result) implements Activation {
    public HardTanh {
      check(name, size, inputType);
      Objects.requireNonNull(result, "result");
      Dense.checkWidth(name, result.type());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.hardTanh(this);
    }

    /** −1 in the input type (HALF_EVEN, SATURATE; 0 for an unsigned input). */
    public long lowRaw() {
      return FixedMath.fromDouble(-1, inputType, Rounding.HALF_EVEN, Overflow.SATURATE).longValueExact();
    }

    /** +1 in the input type (HALF_EVEN, SATURATE). */
    public long highRaw() {
      return FixedMath.fromDouble(1, inputType, Rounding.HALF_EVEN, Overflow.SATURATE).longValueExact();
    }

    @Override
    public FixedType outputType() {
      return result.type();
    }
  }

  /** {@code y = table[index(x)]} with the table of {@code 1 / (1 + e^-x)}. */
  record Sigmoid(String name, int size, FixedType inputType, LookupTable table) implements Activation {
    public Sigmoid {
      check(name, size, inputType);
      Objects.requireNonNull(table, "table");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sigmoid(this);
    }

    public static double function(double x) {
      return 1 / (1 + Math.exp(-x));
    }

    /** The table's raw entries. */
    public long[] entries() {
      return table.entries(Sigmoid::function);
    }

    @Override
    public FixedType outputType() {
      return table.type();
    }
  }

  /** {@code y = table[index(x)]} with the table of {@code tanh(x)}. */
  record Tanh(String name, int size, FixedType inputType, LookupTable table) implements Activation {
    public Tanh {
      check(name, size, inputType);
      Objects.requireNonNull(table, "table");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.tanh(this);
    }

    /** The table's raw entries. */
    public long[] entries() {
      return table.entries(Math::tanh);
    }

    @Override
    public FixedType outputType() {
      return table.type();
    }
  }

  /**
   * Softmax by tables, in the numerically stable form: {@code d_i = x_i − max_j x_j} (exact),
   * {@code e_i = exp[index(d_i)]}, {@code S = Σ e_i} (exact, of {@link #sumType()}),
   * {@code r = reciprocal[index(S)]}, {@code y_i = result(e_i · r)} (the exact product, of
   * {@link #productType()}). The reciprocal table's range must lie in {@code [0, ∞)}.
   */
  record Softmax(String name, int size, FixedType inputType, LookupTable exp, LookupTable reciprocal,
      Quantizer result) implements Activation {
    public Softmax {
      check(name, size, inputType);
      Objects.requireNonNull(exp, "exp");
      Objects.requireNonNull(reciprocal, "reciprocal");
      Objects.requireNonNull(result, "result");
      Dense.checkWidth(name, result.type());
      if (reciprocal.low() < 0) {
        throw new IllegalArgumentException(name + ": the reciprocal table must not reach below 0, its range is ["
            + reciprocal.low() + ", " + reciprocal.high() + ")");
      }
      if (exp.type().width() + 32 - Integer.numberOfLeadingZeros(size) > FixedValue.FAST_WIDTH
          || exp.type().width() + reciprocal.type().width() > FixedValue.FAST_WIDTH) {
        throw new IllegalArgumentException(name + ": exp and reciprocal types are too wide");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.softmax(this);
    }

    /** The exact type of {@code S = Σ e_i}. */
    public FixedType sumType() {
      int grow = 32 - Integer.numberOfLeadingZeros(size - 1);
      return new FixedType(exp.type().signed(), exp.type().width() + grow, exp.type().fraction());
    }

    /** The exact type of {@code e_i · r}. */
    public FixedType productType() {
      return FixedType.product(exp.type(), reciprocal.type());
    }

    public long[] expEntries() {
      return exp.entries(Math::exp);
    }

    public long[] reciprocalEntries() {
      return reciprocal.entries(x -> 1 / x);
    }

    @Override
    public FixedType outputType() {
      return result.type();
    }
  }

  /**
   * The index of the largest input — the first one when several are equal — as one unsigned integer of
   * {@code ceil(log2(size))} bits (at least 1).
   */
  record Argmax(String name, int size, FixedType inputType) implements Activation {
    public Argmax {
      check(name, size, inputType);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.argmax(this);
    }

    @Override
    public int outputs() {
      return 1;
    }

    @Override
    public FixedType outputType() {
      return new FixedType(false, Math.max(1, 32 - Integer.numberOfLeadingZeros(size - 1)), 0);
    }
  }

  private static void check(String name, int size, FixedType inputType) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputType, "inputType");
    if (size < 1) {
      throw new IllegalArgumentException(name + ": an activation needs at least one input, not " + size);
    }
    Dense.checkWidth(name, inputType);
  }
}
