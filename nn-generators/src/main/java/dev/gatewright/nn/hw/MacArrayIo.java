package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Vec;

/**
 * The ports of a {@link MacArray}: {@code load} and {@code w} (a vec of {@code rows·columns} weights,
 * row-major) in, {@code in_valid} and {@code x} (a vec of {@code columns} inputs) in, {@code out_valid}
 * and {@code y} (a vec of {@code rows} sums) out.
 */
public final class MacArrayIo extends Bundle {

  public final Bool load;
  public final Vec<Fixed> w;
  public final Bool inValid;
  public final Vec<Fixed> x;
  public final Bool outValid;
  public final Vec<Fixed> y;

  private MacArrayIo(MacArray array) {
    load = input("load", bool());
    w = input("w", vec(array.rows() * array.columns(), array.weightType()));
    inValid = input("in_valid", bool());
    x = input("x", vec(array.columns(), array.inputType()));
    outValid = output("out_valid", bool());
    y = output("y", vec(array.rows(), array.accumulatorType()));
  }

  /** The IO of {@code array}. */
  public static BundleType<MacArrayIo> of(MacArray array) {
    return bundle(() -> new MacArrayIo(array));
  }
}
