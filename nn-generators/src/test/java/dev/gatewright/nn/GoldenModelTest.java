package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The golden model computes exactly what {@link GoldenModel}'s Javadoc specifies. */
class GoldenModelTest {

  static final FixedType IN = sfix(8, 4);
  static final Quantizer EXACT_OUT = new Quantizer(sfix(24, 8), Rounding.TRUNCATE, Overflow.WRAP);

  static Dense dense(long[][] w, long[] b, FixedType weightType, FixedType acc, Overflow accOverflow, Quantizer result) {
    Dense.Builder builder = Dense.builder("fc", w.length).rawWeights(w).rawBias(b).weightType(weightType).result(result);
    if (acc != null) {
      builder.accumulator(acc, accOverflow);
    }
    return builder.build(w[0].length, IN);
  }

  @Test
  void denseSumsExactProductsAndTheAlignedBias() {
    // weights sfix(6,5): 0.5, -0.25, 1/32; input sfix(8,4): 1.5, 2.0, -8; bias 0.25
    Dense d = dense(new long[][] {{16, -8, 1}}, new long[] {8}, sfix(6, 5), null, Overflow.WRAP, EXACT_OUT);
    long[] x = {24, 32, -128};
    // 0.75 - 0.5 - 0.25 + 0.25 = 0.25 -> raw 64 at fraction 8
    assertArrayEquals(new long[] {64}, GoldenModel.dense(d, x));
    assertEquals(sfix(6, 5), d.biasType());
  }

  @Test
  void productsAndBiasAreFlooredToANarrowerAccumulatorFractionBeforeSumming() {
    // products have fraction 9; the accumulator keeps 2: each product is floored on its own
    Dense d = dense(new long[][] {{1, 1}}, new long[] {-1}, sfix(6, 5), sfix(12, 2), Overflow.WRAP,
        new Quantizer(sfix(12, 2), Rounding.TRUNCATE, Overflow.WRAP));
    long[] x = {100, -100}; // products +100/2^9 and -100/2^9: floors 0 and -1 (units of 1/4)
    // bias -1/32 floored to fraction 2: -1
    assertArrayEquals(new long[] {-2}, GoldenModel.dense(d, x));
  }

  @Test
  void accumulatorWrapsOrSaturatesOnceOnTheExactSum() {
    long[][] w = {{31, 31, 31, 31}};
    long[] x = {127, 127, 127, 127}; // 4 * 31 * 127 = 15748 at fraction 9
    Quantizer out = new Quantizer(sfix(14, 9), Rounding.TRUNCATE, Overflow.WRAP);
    Dense wrap = dense(w, new long[] {0}, sfix(6, 5), sfix(14, 9), Overflow.WRAP, out);
    Dense saturate = dense(w, new long[] {0}, sfix(6, 5), sfix(14, 9), Overflow.SATURATE, out);
    Dense symmetric = dense(new long[][] {{-32, -32, -32, -32}}, new long[] {0}, sfix(6, 5), sfix(14, 9),
        Overflow.SATURATE_SYMMETRIC, out);
    assertArrayEquals(new long[] {15748 - 16384}, GoldenModel.dense(wrap, x));
    assertArrayEquals(new long[] {8191}, GoldenModel.dense(saturate, x));
    assertArrayEquals(new long[] {-8191}, GoldenModel.dense(symmetric, x));
  }

  @Test
  void resultIsReachedWithTheLayersRoundingAndOverflow() {
    long[][] w = {{1}};
    long[] x = {-3}; // -3/512 exact
    for (Rounding rounding : Rounding.values()) {
      for (Overflow overflow : Overflow.values()) {
        Quantizer q = new Quantizer(sfix(4, 8), rounding, overflow);
        Dense d = dense(w, new long[] {0}, sfix(6, 5), null, Overflow.WRAP, q);
        long expected = FixedMath.resize(BigInteger.valueOf(-3), sfix(14, 9), sfix(4, 8), rounding, overflow).longValue();
        assertArrayEquals(new long[] {expected}, GoldenModel.dense(d, x), rounding + " " + overflow);
      }
    }
  }

  @Test
  void fullyPrunedRowGivesTheBiasAlone() {
    Dense d = dense(new long[][] {{0, 0, 0}, {1, 2, 3}}, new long[] {5, 0}, sfix(6, 5), null, Overflow.WRAP,
        new Quantizer(sfix(6, 5), Rounding.TRUNCATE, Overflow.WRAP));
    assertArrayEquals(new long[] {5, 0}, GoldenModel.dense(d, new long[] {0, 0, 0}));
    // row 1: (1 + 2 + 3) * 127 at fraction 9 = 762, floored to fraction 5 = 47, wrapped into 6 bits = -17
    assertArrayEquals(new long[] {5, -17}, GoldenModel.dense(d, new long[] {127, 127, 127}));
    assertTrue(d.isPruned(0, 1));
    assertEquals(3, d.nonzeroWeights());
  }

  @Test
  void exactAccumulatorHoldsTheExtremeSumsWithoutASpareBit() {
    Random random = new Random(3);
    for (int k = 0; k < 200; k++) {
      int in = 1 + random.nextInt(20);
      long[][] w = new long[3][in];
      long[] b = new long[3];
      for (int o = 0; o < 3; o++) {
        for (int i = 0; i < in; i++) {
          w[o][i] = random.nextInt(64) - 32;
        }
        b[o] = random.nextInt(64) - 32;
      }
      FixedType acc = Dense.exactAccumulatorType(IN, sfix(6, 5), w, sfix(6, 5), b);
      assertEquals(9, acc.fraction());
      BigInteger lowest = BigInteger.ZERO;
      BigInteger highest = BigInteger.ZERO;
      for (int o = 0; o < 3; o++) {
        BigInteger lo = BigInteger.valueOf(b[o]).shiftLeft(4);
        BigInteger hi = lo;
        for (int i = 0; i < in; i++) {
          BigInteger p1 = BigInteger.valueOf(w[o][i] * -128);
          BigInteger p2 = BigInteger.valueOf(w[o][i] * 127);
          lo = lo.add(p1.min(p2));
          hi = hi.add(p1.max(p2));
        }
        assertTrue(acc.fits(lo) && acc.fits(hi));
        lowest = lowest.min(lo);
        highest = highest.max(hi);
      }
      FixedType narrower = new FixedType(true, acc.width() - 1, acc.fraction());
      assertTrue(acc.width() == 1 || !narrower.fits(lowest) || !narrower.fits(highest), acc::toString);
    }
  }

  /** An independent golden dense written with FixedValue and BigInteger. */
  static long[] denseByFixedValues(Dense d, long[] x) {
    long[] out = new long[d.outputs()];
    FixedType acc = d.accumulatorType();
    for (int o = 0; o < out.length; o++) {
      BigInteger total = FixedMath.round(BigInteger.valueOf(d.bias(o)), d.biasType().fraction() - acc.fraction(),
          Rounding.TRUNCATE);
      for (int i = 0; i < x.length; i++) {
        FixedValue p = FixedValue.of(d.weightType(), d.weight(o, i)).multiply(FixedValue.of(d.inputType(), x[i]));
        total = total.add(FixedMath.round(p.raw(), p.type().fraction() - acc.fraction(), Rounding.TRUNCATE));
      }
      FixedValue a = FixedValue.of(acc, FixedMath.overflow(total, acc, d.accumulatorOverflow()));
      out[o] = a.resize(d.result()).rawLong();
    }
    return out;
  }

  @Test
  void denseAgreesWithAFixedValueFormulationOnRandomLayersAndCornerInputs() {
    Random random = new Random(11);
    for (int k = 0; k < 300; k++) {
      int in = 1 + random.nextInt(12);
      int out = 1 + random.nextInt(6);
      FixedType wt = new FixedType(true, 2 + random.nextInt(10), random.nextInt(12) - 2);
      FixedType bt = new FixedType(random.nextBoolean(), 2 + random.nextInt(10), random.nextInt(12) - 2);
      long[][] w = new long[out][in];
      long[] b = new long[out];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          w[o][i] = random.nextInt(3) == 0 ? 0 : random.nextLong(wt.minRaw().longValue(), wt.maxRaw().longValue() + 1);
        }
        b[o] = random.nextLong(bt.minRaw().longValue(), bt.maxRaw().longValue() + 1);
      }
      Overflow accOverflow = Overflow.values()[random.nextInt(3)];
      FixedType acc = random.nextBoolean() ? null : new FixedType(true, 4 + random.nextInt(16), random.nextInt(14) - 2);
      Quantizer result = new Quantizer(new FixedType(random.nextBoolean(), 2 + random.nextInt(14), random.nextInt(12)),
          Rounding.values()[random.nextInt(4)], Overflow.values()[random.nextInt(3)]);
      Dense d = Dense.builder("fc", out).rawWeights(w).rawBias(b).weightType(wt).biasType(bt).result(result)
          .accumulator(acc == null ? sfix(40, 20) : acc, accOverflow).build(in, IN);
      for (int t = 0; t < 20; t++) {
        long[] x = new long[in];
        for (int i = 0; i < in; i++) {
          x[i] = switch (t) {
            case 0 -> -128;
            case 1 -> 127;
            case 2 -> 0;
            default -> random.nextInt(256) - 128;
          };
        }
        assertArrayEquals(denseByFixedValues(d, x), GoldenModel.dense(d, x), d::toString);
      }
    }
  }

  static Network oneActivation(java.util.function.Consumer<Network.Builder> add) {
    Network.Builder b = Network.builder("act", 4, IN);
    add.accept(b);
    return b.build();
  }

  static long[] run(Network n, long... x) {
    return new GoldenModel(n).infer(x);
  }

  @Test
  void linearReluClippedReluAndHardTanhClampInTheInputTypeThenQuantize() {
    long[] x = {-128, -20, 5, 127};
    assertArrayEquals(x, run(oneActivation(Network.Builder::linear), x));
    assertArrayEquals(new long[] {-32, -5, 1, 31},
        run(oneActivation(b -> b.linear(new Quantizer(sfix(6, 2), Rounding.TRUNCATE, Overflow.WRAP))), x));
    assertArrayEquals(new long[] {0, 0, 5, 127}, run(oneActivation(Network.Builder::relu), x));
    assertArrayEquals(new long[] {0, 0, 1, 15},
        run(oneActivation(b -> b.relu(new Quantizer(ufix(4, 2), Rounding.HALF_EVEN, Overflow.SATURATE))), x));
    assertArrayEquals(new long[] {0, 0, 5, 32}, run(oneActivation(b -> b.clippedRelu(2.0)), x));
    assertArrayEquals(new long[] {0, 0, 0, 2},
        run(oneActivation(b -> b.clippedRelu(2.0, new Quantizer(ufix(3, 0), Rounding.HALF_UP, Overflow.SATURATE))), x));
    assertArrayEquals(new long[] {-16, -16, 5, 16}, run(oneActivation(Network.Builder::hardTanh), x));
    assertArrayEquals(new long[] {-2, -2, 1, 2},
        run(oneActivation(b -> b.hardTanh(new Quantizer(sfix(3, 1), Rounding.HALF_EVEN, Overflow.SATURATE))), x));
  }

  @Test
  void sigmoidAndTanhReadTheTableEntryOfTheInputsBin() {
    LookupTable table = new LookupTable(16, -4, 4, ufix(8, 8));
    Network sig = oneActivation(b -> b.sigmoid(table));
    long[] entries = table.entries(Activation.Sigmoid::function);
    long[] x = {-128, -1, 0, 127}; // -8, -1/16, 0, 7.9375 -> bins 0 (clamped), 7, 8, 15 (clamped)
    assertArrayEquals(new long[] {entries[0], entries[7], entries[8], entries[15]}, run(sig, x));
    assertEquals(FixedMath.fromDouble(Activation.Sigmoid.function(-0.25), ufix(8, 8), Rounding.HALF_EVEN,
        Overflow.SATURATE).longValue(), entries[7]);
    LookupTable tanhTable = new LookupTable(32, -2, 2, sfix(8, 6));
    long[] tanh = tanhTable.entries(Math::tanh);
    assertArrayEquals(new long[] {tanh[0], tanh[15], tanh[16], tanh[31]}, run(oneActivation(b -> b.tanh(tanhTable)), x));
    assertEquals(ufix(8, 8), sig.outputType());
    assertArrayEquals(run(sig, x), GoldenModel.activation((Activation) sig.layers().get(0), x));
  }

  @Test
  void softmaxSubtractsTheMaximumReadsExpSumsReadsTheReciprocalAndMultiplies() {
    LookupTable exp = new LookupTable(64, -16, 0, ufix(10, 9));
    LookupTable reciprocal = new LookupTable(64, 0, 8, ufix(10, 9));
    Quantizer out = new Quantizer(ufix(9, 8), Rounding.HALF_EVEN, Overflow.SATURATE);
    Activation.Softmax softmax = new Activation.Softmax("sm", 4, IN, exp, reciprocal, out);
    long[] x = {16, 0, -32, 16};
    long[] e = exp.entries(Math::exp);
    long[] r = reciprocal.entries(v -> 1 / v);
    long max = 16;
    long[] ei = new long[4];
    long sum = 0;
    for (int i = 0; i < 4; i++) {
      ei[i] = e[exp.index(x[i] - max, 4)];
      sum += ei[i];
    }
    long recip = r[reciprocal.index(sum, 9)];
    long[] expected = new long[4];
    for (int i = 0; i < 4; i++) {
      expected[i] = out.apply(ei[i] * recip, softmax.productType());
    }
    assertArrayEquals(expected, GoldenModel.activation(softmax, x));
    assertArrayEquals(expected, new GoldenModel(List.of(softmax)).infer(x));
    assertEquals(ufix(12, 9), softmax.sumType());
    // near one half for the two equal maxima, near zero for the rest
    assertEquals(0.4, out.type().toDouble(BigInteger.valueOf(expected[0])), 0.1);
    assertEquals(expected[0], expected[3]);
  }

  @Test
  void argmaxReturnsTheFirstLargestIndex() {
    Network n = oneActivation(Network.Builder::argmax);
    assertArrayEquals(new long[] {1}, run(n, 3, 9, 9, -1));
    assertArrayEquals(new long[] {0}, run(n, 0, 0, 0, 0));
    assertArrayEquals(new long[] {3}, run(n, -128, -128, -128, -127));
    assertEquals(ufix(2, 0), n.outputType());
    assertEquals(1, n.outputs());
  }

  @Test
  void traceHoldsTheInputAndEveryLayersOutput() {
    Network n = JetTagger.network(1);
    GoldenModel golden = new GoldenModel(n);
    long[] x = n.quantizeInput(new double[] {1, -2, 3, -4, 0.5, 0, 0, 0, 1, 1, 1, 1, -1, -1, 31.99, -32});
    long[][] trace = golden.trace(x);
    assertEquals(n.layers().size() + 1, trace.length);
    assertArrayEquals(x, trace[0]);
    for (int k = 0; k < n.layers().size(); k++) {
      assertArrayEquals(trace[k + 1], golden.evaluate(k, trace[k]));
    }
    assertArrayEquals(trace[trace.length - 1], golden.infer(x));
  }

  @Test
  void rejectsInputsOfTheWrongCountOrOutsideTheInputType() {
    GoldenModel golden = new GoldenModel(JetTagger.network(1));
    assertThrows(IllegalArgumentException.class, () -> golden.infer(new long[15]));
    long[] big = new long[16];
    big[3] = 1 << 15;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> golden.infer(big));
    assertTrue(e.getMessage().contains("input[3]"), e.getMessage());
  }

  @Test
  void goldenJetTaggerTracksTheDoubleReferenceOnTenThousandVectors() {
    Network n = JetTagger.network(2024);
    GoldenModel golden = new GoldenModel(n);
    ReferenceModel quantized = new ReferenceModel(n, ReferenceModel.Weights.QUANTIZED);
    ReferenceModel source = new ReferenceModel(n, ReferenceModel.Weights.SOURCE);
    Random random = new Random(5);
    int agreeQuantized = 0;
    int agreeSource = 0;
    for (int k = 0; k < 10_000; k++) {
      double[] x = new double[16];
      for (int i = 0; i < 16; i++) {
        x[i] = random.nextGaussian() * 2;
      }
      long[] raw = n.quantizeInput(x);
      double[] xq = new double[16];
      for (int i = 0; i < 16; i++) {
        xq[i] = n.inputType().toDouble(BigInteger.valueOf(raw[i]));
      }
      long cls = golden.infer(raw)[0];
      agreeQuantized += cls == (long) quantized.infer(xq)[0] ? 1 : 0;
      agreeSource += cls == (long) source.infer(x)[0] ? 1 : 0;
    }
    assertTrue(agreeQuantized >= 9_900, "golden and quantized reference agree on " + agreeQuantized);
    assertTrue(agreeSource >= 8_000, "golden and float reference agree on " + agreeSource);
  }
}
