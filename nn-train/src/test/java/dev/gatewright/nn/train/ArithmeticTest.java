package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's small arithmetic pieces agree with gatewright's fixed-point specification. */
class ArithmeticTest {

  @Test
  void integerRoundingHalfToEvenIsFixedMathsHalfEven() {
    SplittableRandom random = new SplittableRandom(4);
    for (int k = 0; k < 100_000; k++) {
      long value = random.nextLong(-1L << 40, 1L << 40);
      int dropped = random.nextInt(-3, 20);
      long expected = FixedMath.round(BigInteger.valueOf(value), dropped, Rounding.HALF_EVEN).longValueExact();
      assertEquals(expected, QuantizedInference.roundHalfEven(value, dropped), value + " >> " + dropped);
    }
    assertEquals(2, QuantizedInference.roundHalfEven(5, 1), "2.5 -> 2");
    assertEquals(4, QuantizedInference.roundHalfEven(7, 1), "3.5 -> 4");
    assertEquals(-2, QuantizedInference.roundHalfEven(-5, 1), "-2.5 -> -2");
  }

  @Test
  void weightCodesRoundHalfEvenAndSaturateToTheirBits() {
    assertEquals(2, Mlp.weightCode(0.625f, 4, 2), "2.5 steps -> 2");
    assertEquals(7, Mlp.weightCode(100f, 4, 2), "saturates at the largest 4-bit code");
    assertEquals(-8, Mlp.weightCode(-100f, 4, 2));
    assertEquals(-1, Mlp.weightCode(-0.3f, 4, 2));
  }

  @Test
  void thePolynomialScheduleRisesFastThenFlattensToTheTarget() {
    assertEquals(0, Pruner.polynomial(0.8, 0), 1e-12);
    assertEquals(0.8 * (1 - 0.125), Pruner.polynomial(0.8, 0.5), 1e-12);
    assertEquals(0.8, Pruner.polynomial(0.8, 1), 1e-12);
    assertEquals(0.8, Pruner.polynomial(0.8, 2), 1e-12, "clamped after the ramp");
    assertEquals(784, Pruner.fanInAt(784, 6, 0));
    assertEquals(6, Pruner.fanInAt(784, 6, 1));
    assertTrue(Pruner.fanInAt(784, 6, 0.5) < 200);
  }

  @Test
  void adamAndSgdMinimiseAQuadratic() {
    for (Optimizer optimizer : new Optimizer[] {Optimizer.Adam.of(0.05), new Optimizer.Sgd(0.05, 0.9)}) {
      float[] x = {3f, -2f};
      Optimizer.Step step = optimizer.state(2);
      for (int t = 1; t <= 500; t++) {
        float[] gradient = {2 * (x[0] - 1), 2 * (x[1] + 1)};
        step.apply(x, gradient, t, optimizer.learningRate());
      }
      assertEquals(1, x[0], 0.05, optimizer.toString());
      assertEquals(-1, x[1], 0.05, optimizer.toString());
    }
  }
}
