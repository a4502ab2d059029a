package dev.gatewright.nn.lut;

import dev.gatewright.nn.hw.DenseOptions;
import java.util.Objects;

/**
 * How a network becomes truth-table neurons.
 *
 * @param maxAddressBits the widest table built: a dense layer whose widest neuron needs more address
 *     bits (fan-in times input width) stays adder arithmetic; LogicNets keeps this at 12 or below
 * @param policy which layers that fit become tables
 * @param style how a table becomes hardware
 * @param arithmetic how the layers that stay arithmetic are built
 */
public record LutOptions(int maxAddressBits, Policy policy, TableStyle style, DenseOptions arithmetic) {

  /** Which of the layers that fit become tables. */
  public enum Policy {
    /** Each layer as the cost model says is cheaper ({@link LutCostModel}). */
    AUTO,
    /** Every layer that fits. */
    TABLES,
    /** None: the adder-arithmetic network, for comparison. */
    ARITHMETIC
  }

  public LutOptions {
    if (maxAddressBits < 1 || maxAddressBits > TruthTables.MAX_ADDRESS_BITS) {
      throw new IllegalArgumentException("the widest table has 1.." + TruthTables.MAX_ADDRESS_BITS
          + " address bits, not " + maxAddressBits);
    }
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(arithmetic, "arithmetic");
  }

  /** Tables up to 12 address bits where the cost model prefers them, as logic; arithmetic layers as by default. */
  public static LutOptions defaults() {
    return new LutOptions(12, Policy.AUTO, TableStyle.LOGIC, DenseOptions.defaults());
  }

  public LutOptions withMaxAddressBits(int bits) {
    return new LutOptions(bits, policy, style, arithmetic);
  }

  public LutOptions withPolicy(Policy p) {
    return new LutOptions(maxAddressBits, p, style, arithmetic);
  }

  public LutOptions withStyle(TableStyle s) {
    return new LutOptions(maxAddressBits, policy, s, arithmetic);
  }

  public LutOptions withArithmetic(DenseOptions options) {
    return new LutOptions(maxAddressBits, policy, style, options);
  }
}
