package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;

/**
 * The last beat of a network that ends in an argmax: the class ({@code y}, one value) and the scores it was
 * chosen from, so that a check compares every value a user relies on, not only the class.
 */
public final class ClassScores extends Bundle {

  public final Vec<Fixed> y;
  public final Vec<Fixed> scores;

  private ClassScores(FixedType classType, int classes, FixedType scoreType) {
    y = field("y", vec(1, classType));
    scores = field("scores", vec(classes, scoreType));
  }

  public static BundleType<ClassScores> of(FixedType classType, int classes, FixedType scoreType) {
    return bundle(() -> new ClassScores(classType, classes, scoreType));
  }
}
