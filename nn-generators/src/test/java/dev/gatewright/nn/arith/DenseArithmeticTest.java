package dev.gatewright.nn.arith;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A dense layer built on a shared adder graph computes exactly what {@link GoldenModel#dense} does. */
class DenseArithmeticTest {

  /** A layer with the given precisions and random 6-bit weights, half of them zero, and random biases. */
  static Dense layer(String name, int outputs, int inputs, FixedType in, FixedType bias, FixedType acc,
      Overflow accOverflow, Quantizer result, long seed) {
    FixedType w = sfix(6, 5);
    long[][] weights = ConstantMatrix.random(outputs, inputs, 6, 0.5, seed).toArray();
    Random random = new Random(seed);
    long[] b = new long[outputs];
    for (int o = 0; o < outputs; o++) {
      b[o] = bias.minRaw().longValue() + random.nextInt((int) (bias.maxRaw().longValue() - bias.minRaw().longValue() + 1));
    }
    Dense.Builder builder = Dense.builder(name, outputs).rawWeights(weights).rawBias(b).weightType(w).biasType(bias)
        .result(result);
    if (acc != null) {
      builder.accumulator(acc, accOverflow);
    }
    return builder.build(inputs, in);
  }

  static Stream<Dense> layers() {
    Quantizer out = new Quantizer(sfix(16, 10), Rounding.TRUNCATE, Overflow.SATURATE);
    return Stream.of(
        layer("exact accumulator", 12, 10, sfix(16, 10), sfix(6, 5), null, Overflow.WRAP, out, 1),
        layer("unsigned 6-bit inputs", 12, 24, ufix(6, 6), sfix(6, 5), null, Overflow.WRAP, out, 2),
        layer("wrapping 12-bit accumulator", 10, 16, sfix(8, 4), sfix(6, 5), sfix(12, 9), Overflow.WRAP,
            Quantizer.of(sfix(8, 4)), 3),
        layer("saturating accumulator", 10, 16, sfix(8, 4), sfix(6, 5), sfix(12, 9), Overflow.SATURATE,
            new Quantizer(sfix(8, 4), Rounding.HALF_EVEN, Overflow.WRAP), 4),
        layer("symmetric saturation", 6, 8, sfix(8, 4), sfix(6, 5), sfix(11, 9), Overflow.SATURATE_SYMMETRIC,
            new Quantizer(sfix(6, 3), Rounding.HALF_UP, Overflow.SATURATE), 5),
        layer("accumulator finer than the products", 8, 8, sfix(8, 4), sfix(6, 5), sfix(24, 12), Overflow.WRAP,
            new Quantizer(sfix(10, 5), Rounding.TRUNCATE_TO_ZERO, Overflow.SATURATE), 6),
        layer("bias finer than the accumulator", 8, 8, sfix(8, 4), sfix(10, 12), sfix(20, 9), Overflow.WRAP,
            out, 7),
        layer("bias coarser than the accumulator", 8, 8, sfix(8, 4), sfix(4, 1), sfix(20, 9), Overflow.WRAP,
            out, 8),
        layer("a wrapping accumulator narrower than the inputs", 6, 6, sfix(12, 4), sfix(6, 5), sfix(6, 9),
            Overflow.WRAP, Quantizer.of(sfix(6, 9)), 9));
  }

  @Test
  void signedInputsEnterTheGraphUnsignedAndTheirOffsetLeavesWithTheBias() {
    Quantizer out = new Quantizer(sfix(16, 10), Rounding.TRUNCATE, Overflow.SATURATE);
    Dense layer = layer("signed 16-bit inputs", 24, 16, sfix(16, 10), sfix(6, 5), null, Overflow.WRAP, out, 31);
    DenseArithmetic arithmetic = DenseArithmetic.of(layer, CmvmOptions.DEFAULT);
    assertTrue(arithmetic.inputOffsets().any());
    for (int i = 0; i < layer.inputs(); i++) {
      assertEquals(1L << 15, arithmetic.inputOffsets().offset(i));
      assertFalse(arithmetic.graph().signed(i));
    }
    AdderGraph signed = CmvmSolver.solve(ConstantMatrix.of(layer.weights()),
        Collections.nCopies(layer.inputs(), Interval.of(layer.inputType())), CmvmOptions.DEFAULT);
    assertTrue(arithmetic.graphCells() < signed.adderBits(), arithmetic.graphCells() + " vs " + signed.adderBits());
    Random random = new Random(5);
    List<long[]> vectors = new ArrayList<>(Vectors.corners(arithmetic.inputs(), 50, random));
    vectors.addAll(Vectors.random(arithmetic.inputs(), 300, random));
    for (long[] x : vectors) {
      assertArrayEquals(GoldenModel.dense(layer, x), arithmetic.evaluate(x), () -> java.util.Arrays.toString(x));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void matchesTheGoldenModelOnCornerAndRandomInputs(Dense layer) {
    DenseArithmetic arithmetic = DenseArithmetic.of(layer, CmvmOptions.DEFAULT);
    Random random = new Random(11);
    List<long[]> vectors = new ArrayList<>(Vectors.corners(arithmetic.inputs(), 50, random));
    vectors.addAll(Vectors.random(arithmetic.inputs(), 300, random));
    for (long[] x : vectors) {
      assertArrayEquals(GoldenModel.dense(layer, x), arithmetic.evaluate(x), () -> java.util.Arrays.toString(x));
    }
  }

  @Test
  void matchesTheGoldenModelOnEveryInputOfASmallLayer() {
    for (Overflow overflow : Overflow.values()) {
      Dense layer = layer("small", 5, 3, sfix(4, 2), sfix(6, 5), sfix(8, 7), overflow,
          new Quantizer(sfix(5, 3), Rounding.HALF_EVEN, Overflow.SATURATE), 12);
      DenseArithmetic arithmetic = DenseArithmetic.of(layer, CmvmOptions.DEFAULT);
      for (long[] x : Vectors.all(arithmetic.inputs())) {
        assertArrayEquals(GoldenModel.dense(layer, x), arithmetic.evaluate(x), overflow + " " + java.util.Arrays.toString(x));
      }
    }
  }

  @Test
  void theJetTaggersLayersMatchTheGoldenModelOnTheirInputRanges() {
    Network network = JetTagger.network(2026);
    GoldenModel golden = new GoldenModel(network);
    java.util.Map<Integer, DenseArithmetic> built = new java.util.HashMap<>();
    for (int k = 0; k < network.layers().size(); k++) {
      if (network.layers().get(k) instanceof Dense d) {
        built.put(k, DenseArithmetic.of(d, DenseArithmetic.inputRanges(network, d), CmvmOptions.DEFAULT));
      }
    }
    Random random = new Random(3);
    List<long[]> inputs = new ArrayList<>(Vectors.corners(Collections.nCopies(16, Interval.of(JetTagger.DATA_TYPE)), 20, random));
    inputs.addAll(Vectors.random(Collections.nCopies(16, Interval.of(JetTagger.DATA_TYPE)), 200, random));
    for (long[] x : inputs) {
      long[][] trace = golden.trace(x);
      built.forEach((k, arithmetic) -> assertArrayEquals(trace[k + 1], arithmetic.evaluate(trace[k]),
          arithmetic.layer().name()));
    }
  }

  @Test
  void inputsAfterAReluStartAtZero() {
    Network network = JetTagger.network(2026);
    List<Dense> dense = network.denseLayers();
    assertEquals(Interval.of(-32768, 32767), DenseArithmetic.inputRanges(network, dense.get(0)).get(0));
    assertEquals(Interval.of(0, 32767), DenseArithmetic.inputRanges(network, dense.get(1)).get(5));
  }

  @Test
  void anExactAccumulatorNeverOverflowsAndNoBusIsCut() {
    Dense layer = layers().findFirst().orElseThrow();
    DenseArithmetic arithmetic = DenseArithmetic.of(layer, CmvmOptions.DEFAULT);
    for (DenseOutput o : arithmetic.outputs()) {
      assertFalse(o.accumulatorOverflows(), o.toString());
    }
    for (int s = 0; s < arithmetic.graph().sourceCount(); s++) {
      assertFalse(arithmetic.busWrapped(s));
    }
    assertEquals(arithmetic.graph().adderBits(), arithmetic.graphCells());
  }

  @Test
  void aWrappingAccumulatorKeepsOnlyTheLowBitsItReads() {
    Dense layer = layer("wrap", 10, 16, sfix(12, 4), sfix(6, 5), sfix(10, 9), Overflow.WRAP,
        Quantizer.of(sfix(10, 9)), 14);
    DenseArithmetic arithmetic = DenseArithmetic.of(layer, CmvmOptions.DEFAULT);
    int cut = 0;
    for (int s = 0; s < arithmetic.graph().sourceCount(); s++) {
      assertTrue(arithmetic.busWidth(s) <= arithmetic.graph().width(s));
      cut += arithmetic.busWrapped(s) ? 1 : 0;
    }
    assertTrue(cut > 0);
    assertTrue(arithmetic.graphCells() < arithmetic.graph().adderBits(),
        arithmetic.graphCells() + " vs " + arithmetic.graph().adderBits());
    Random random = new Random(5);
    for (long[] x : Vectors.random(arithmetic.inputs(), 500, random)) {
      assertArrayEquals(GoldenModel.dense(layer, x), arithmetic.evaluate(x));
    }
  }

  @Test
  void refusesALayerWhoseAccumulatorFloorsEachProduct() {
    Dense layer = layer("fc7", 4, 4, sfix(8, 4), sfix(6, 5), sfix(16, 6), Overflow.WRAP,
        Quantizer.of(sfix(16, 6)), 15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DenseArithmetic.of(layer, CmvmOptions.DEFAULT));
    assertTrue(e.getMessage().startsWith("fc7: the accumulator sfix(16,6) keeps 6 fraction bits, fewer than the 9 "
        + "of each product"), e.getMessage());
  }

  @Test
  void refusesAnInputRangeOutsideTheInputType() {
    Dense layer = layers().findFirst().orElseThrow();
    List<Interval> ranges = new ArrayList<>(Collections.nCopies(layer.inputs(), Interval.of(layer.inputType())));
    ranges.set(3, Interval.of(0, 1 << 20));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DenseArithmetic.of(layer, ranges, CmvmOptions.DEFAULT));
    assertEquals("exact accumulator: input 3's range [0, 1048576] is not within its type sfix(16,10) [-32768, 32767]",
        e.getMessage());
  }

  @Test
  void describesEveryBusAndOutputStep() {
    Dense layer = layer("tiny", 2, 3, ufix(4, 4), sfix(6, 5), null, Overflow.WRAP,
        new Quantizer(sfix(8, 6), Rounding.TRUNCATE, Overflow.SATURATE), 16);
    String listing = DenseArithmetic.of(layer, CmvmOptions.DEFAULT).toString();
    assertTrue(listing.startsWith("dense tiny: "), listing);
    assertTrue(listing.contains("  v0 = x0: unsigned 4 bits [0, 15]\n"), listing);
    assertTrue(listing.contains("  y1: total = "), listing);
    assertTrue(listing.contains("(never overflows)"), listing);
  }
}
