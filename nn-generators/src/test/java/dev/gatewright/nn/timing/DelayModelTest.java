package dev.gatewright.nn.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The delay model: carries bit by bit, and its backward pass is the exact dual of its forward pass. */
class DelayModelTest {

  private static final DelayModel RIPPLE = DelayModel.XC7;
  private static final DelayModel PREFIX = DelayModel.SKY130;

  @Test
  void aRippleAdderTakesItsEntryACarryStepPerBitAndItsExit() {
    double[] sum = RIPPLE.forward(new TimingOp.Add(0, false, 0, false, 0), List.of(zeros(16), zeros(16)),
        List.of(false, false), 17);
    double entry = RIPPLE.wire() + RIPPLE.lut() + RIPPLE.carryEntry();
    assertEquals(entry + RIPPLE.carryExit(), sum[0], 1e-12);
    assertEquals(entry + 16 * RIPPLE.carryPerBit() + RIPPLE.carryExit(), sum[16], 1e-12);
    assertEquals(RIPPLE.chainDelay(17), sum[16], 1e-12);
  }

  @Test
  void bitsBelowTheShiftedOperandAreWiresAndAShiftedSubtractionStillIs() {
    for (boolean negate : new boolean[] {false, true}) {
      double[] sum = RIPPLE.forward(new TimingOp.Add(0, false, 4, negate, 0), List.of(ramp(8, 0.5), zeros(8)),
          List.of(false, false), 13);
      for (int p = 0; p < 4; p++) {
        assertEquals(0.5 * p, sum[p], 1e-12, "bit " + p + " is bit " + p + " of the unshifted operand");
      }
      assertTrue(sum[4] > 2.0);
    }
    double[] negated = RIPPLE.forward(new TimingOp.Add(4, false, 0, true, 0), List.of(zeros(8), zeros(8)),
        List.of(false, false), 13);
    assertTrue(negated[0] > 0, "subtracting the unshifted operand carries from bit 0");
  }

  @Test
  void aTreeOfRippleAddersOverlapsItsCarryChains() {
    double[] a = zeros(16);
    for (int level = 0; level < 4; level++) {
      a = RIPPLE.forward(new TimingOp.Add(0, false, 0, false, 0), List.of(a, a), List.of(false, false), a.length + 1);
    }
    double top = a[a.length - 1];
    assertTrue(top < 4 * RIPPLE.chainDelay(18), top + " ns for four levels, each alone " + RIPPLE.chainDelay(18));
    // each level adds its entry and exit once; the carry crosses the 20 bits once
    assertEquals(4 * (RIPPLE.wire() + RIPPLE.lut() + RIPPLE.carryEntry() + RIPPLE.carryExit())
        + 19 * RIPPLE.carryPerBit(), top, 1e-9);
  }

  @Test
  void aPrefixAdderGrowsWithTheLogarithmOfItsWidth() {
    double eight = PREFIX.chainDelay(8);
    double sixtyFour = PREFIX.chainDelay(64);
    assertEquals(2 * 3 * PREFIX.carryPerBit(), sixtyFour - eight, 1e-12);
  }

  @Test
  void aCompressorTreeCostsAFullAdderLevelPerLevelAndOneFinalAdder() {
    for (DelayModel model : List.of(RIPPLE, PREFIX)) {
      TimingOp.Compress op = new TimingOp.Compress(6, 14);
      double expected = 6 * (model.wire() + model.lut()) + model.chainDelay(14);
      double[] out = model.forward(op, List.of(ramp(10, 0.1), zeros(12)), List.of(false, true), 14);
      for (double t : out) {
        assertEquals(0.9 + expected, t, 1e-12, model.name() + ": every bit after the latest operand bit");
      }
      List<double[]> required = model.backward(op, List.of(10, 12), List.of(false, true), uniform(14, 5.0));
      for (double[] operand : required) {
        for (double t : operand) {
          assertEquals(5.0 - expected, t, 1e-12, model.name() + ": the dual");
        }
      }
      assertEquals(model.chainDelay(14), model.compressDelay(new TimingOp.Compress(0, 14)), 1e-12);
      assertEquals(0, model.compressDelay(new TimingOp.Compress(0, 0)), 1e-12, "a single word is a wire");
    }
    assertTrue(PREFIX.compressDelay(new TimingOp.Compress(6, 14)) < 3 * PREFIX.chainDelay(14),
        "six full-adder levels and one adder beat three adders in series");
  }

  @Test
  void backwardIsTheExactDualOfForward() {
    Random random = new Random(5);
    for (DelayModel model : List.of(RIPPLE, PREFIX, DelayModel.ICE40, DelayModel.LEVELS)) {
      for (int trial = 0; trial < 400; trial++) {
        int wa = 1 + random.nextInt(12);
        int wb = 1 + random.nextInt(12);
        boolean sa = random.nextBoolean();
        boolean sb = random.nextBoolean();
        int shiftA = random.nextBoolean() ? 0 : random.nextInt(6);
        int shiftB = shiftA == 0 ? random.nextInt(6) : 0;
        boolean negA = random.nextInt(3) == 0;
        boolean negB = !negA && random.nextInt(3) == 0;
        int dropped = random.nextInt(2);
        int width = Math.max(1, Math.max(wa + shiftA, wb + shiftB) + 1 - dropped);
        TimingOp.Add op = new TimingOp.Add(shiftA, negA, shiftB, negB, dropped);
        double[] a = randomTimes(random, wa);
        double[] b = randomTimes(random, wb);
        double[] out = model.forward(op, List.of(a, b), List.of(sa, sb), width);
        List<double[]> required = model.backward(op, List.of(wa, wb), List.of(sa, sb), out);
        double tightest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 2; k++) {
          double[] arrival = k == 0 ? a : b;
          for (int i = 0; i < arrival.length; i++) {
            double slack = required.get(k)[i] - arrival[i];
            assertTrue(slack > -1e-9, model.name() + " " + op + ": operand " + k + " bit " + i + " slack " + slack);
            tightest = Math.min(tightest, slack);
          }
        }
        if (Double.isFinite(DelayModel.latest(List.of(out)))) {
          assertEquals(0, tightest, 1e-9, model.name() + " " + op + ": the latest output is tight on some input bit");
        }
      }
    }
  }

  @Test
  void everyTargetHasAModelAndAnUnknownOneIsNamed() {
    assertEquals(DelayModel.SKY130, DelayModel.of("SKY130"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayModel.of("ecp5"));
    assertTrue(e.getMessage().contains("[xc7, ice40, sky130]"), e.getMessage());
  }

  private static double[] zeros(int n) {
    return new double[n];
  }

  private static double[] ramp(int n, double step) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = step * i;
    }
    return t;
  }

  private static double[] randomTimes(Random random, int n) {
    double[] t = new double[n];
    Arrays.setAll(t, i -> random.nextInt(8) * 0.25);
    return t;
  }

  @Test
  void theXc7ModelIsTheFlowsXc7DelaysSoAPipelinedAdderIsTimedAsTheFlowEstimatesIt() {
    dev.gatewright.flow.Xc7Delays d = dev.gatewright.flow.Xc7Delays.SPEED_GRADE_1;
    // a registered 16-bit adder, operand bits of fanout 1: the pipeliner's stage is the flow's register-to-register
    // path but for the net into the next register, which the pipeliner's stage does not count
    double stage = DelayModel.XC7.registered() + DelayModel.XC7.chainDelay(16) + DelayModel.XC7.setup();
    double flow = d.clockToQ() + d.netDelay(1) + d.lut() + d.carryToSum(0, 15) + d.netDelay(1) + d.setup();
    assertEquals(flow, stage + d.net(), 1e-12);
    assertEquals(d.dspCombinational(), DelayModel.XC7.multiply(), 0);
  }

  private static double[] uniform(int n, double t) {
    double[] a = new double[n];
    Arrays.fill(a, t);
    return a;
  }
}
