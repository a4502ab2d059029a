package dev.gatewright.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A fault hits raw two's-complement bits and keeps every value inside its type. */
class FaultModelTest {

  static final FixedType S4 = FixedType.sfix(4, 2);
  static final FixedType U3 = FixedType.ufix(3, 0);

  @Test
  void bitFlipInvertsOneRawBitAndKeepsTheValueInItsType() {
    FaultModel flips = FaultModel.bitFlips(0.1);
    assertEquals(-8 + 3, flips.hit(3, S4, 3), "flipping the sign bit of 0011 gives 1011");
    assertEquals(2, flips.hit(3, S4, 0));
    assertEquals(7, flips.hit(-1, S4, 3), "1111 -> 0111");
    assertEquals(4, flips.hit(0, U3, 2));
  }

  @Test
  void stuckAtForcesTheBit() {
    FaultModel zero = new FaultModel(FaultModel.Kind.STUCK_AT_ZERO, 0.1, Set.of(FaultModel.Site.WEIGHTS));
    FaultModel one = new FaultModel(FaultModel.Kind.STUCK_AT_ONE, 0.1, Set.of(FaultModel.Site.WEIGHTS));
    assertEquals(1, zero.hit(3, S4, 1));
    assertEquals(3, zero.hit(3, S4, 2), "already 0");
    assertEquals(-1, one.hit(7, S4, 3));
    assertEquals(7, one.hit(7, S4, 0), "already 1");
  }

  @Test
  void injectionHitsAboutRateTimesTheBitsAndIsReproducible() {
    FaultModel flips = FaultModel.bitFlips(0.01);
    long[] a = new long[100_000];
    long[] b = new long[100_000];
    int hits = flips.inject(a, S4, new SplittableRandom(5));
    flips.inject(b, S4, new SplittableRandom(5));
    assertArrayEquals(a, b, "same seed, same faults");
    assertEquals(4000, hits, 300, "about 1 % of 400,000 bits");
    for (long v : a) {
      assertTrue(v >= -8 && v <= 7, "in sfix(4,2): " + v);
    }
  }

  @Test
  void rateZeroChangesNothingAndRateOneFlipsEveryBit() {
    long[] values = {1, -2, 7, -8};
    FaultModel.none().inject(values, S4, new SplittableRandom(1));
    assertArrayEquals(new long[] {1, -2, 7, -8}, values);
    FaultModel.bitFlips(1).inject(values, S4, new SplittableRandom(1));
    assertArrayEquals(new long[] {~1L, ~-2L, ~7L, ~-8L}, values);
  }

  @Test
  void weightFaultsChangeOnlyTheWeightsOfANetwork() {
    Network network = Network.builder("n", 3, FixedType.sfix(8, 4))
        .dense(Dense.builder("fc", 2).weightType(S4).rawWeights(new long[][] {{1, 2, 3}, {-1, -2, -3}})
            .rawBias(new long[] {1, 1}).result(Quantizer.of(FixedType.sfix(12, 6))))
        .relu().build();
    Network faulty = FaultModel.bitFlips(0.5).injectWeights(network, new SplittableRandom(3));
    Dense before = network.denseLayers().get(0);
    Dense after = faulty.denseLayers().get(0);
    assertNotEquals(java.util.Arrays.deepToString(before.weights()), java.util.Arrays.deepToString(after.weights()));
    assertArrayEquals(before.bias(), after.bias());
    assertEquals(before.accumulatorType(), after.accumulatorType());
    assertEquals(network.layers().get(1), faulty.layers().get(1));
    FaultModel activationsOnly = new FaultModel(FaultModel.Kind.BIT_FLIP, 0.5, Set.of(FaultModel.Site.ACTIVATIONS));
    assertSame(network, activationsOnly.injectWeights(network, new SplittableRandom(3)));
  }

  @Test
  void aRateOutsideZeroToOneIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> FaultModel.bitFlips(1.5));
    assertTrue(e.getMessage().contains("probability per bit in [0, 1]"), e.getMessage());
  }
}
