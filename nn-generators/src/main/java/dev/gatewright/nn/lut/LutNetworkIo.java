package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;

/**
 * The ports of a network built from truth-table neurons, named as a generated network's: {@code in_valid},
 * {@code x}, {@code out_valid}, {@code y}, and {@code scores} (the pre-argmax values, with {@code y})
 * when the network ends in an argmax.
 */
public final class LutNetworkIo extends Bundle {

  public final Bool inValid;
  public final Vec<Fixed> x;
  public final Bool outValid;
  public final Vec<Fixed> y;
  /** The pre-argmax scores, or null when the network does not end in an argmax. */
  public final Vec<Fixed> scores;

  private LutNetworkIo(int inputs, FixedType inputType, int outputs, FixedType outputType, int scoreCount,
      FixedType scoreType) {
    inValid = input("in_valid", bool());
    x = input("x", vec(inputs, inputType));
    outValid = output("out_valid", bool());
    y = output("y", vec(outputs, outputType));
    scores = scoreType == null ? null : output("scores", vec(scoreCount, scoreType));
  }

  static BundleType<LutNetworkIo> of(int inputs, FixedType inputType, int outputs, FixedType outputType, int scoreCount,
      FixedType scoreType) {
    return bundle(() -> new LutNetworkIo(inputs, inputType, outputs, outputType, scoreCount, scoreType));
  }
}
