package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building networks: quantization of weights, masks, batch-norm folding, and early, readable errors. */
class NetworkTest {

  static final Quantizer OUT = new Quantizer(sfix(16, 10), Rounding.TRUNCATE, Overflow.SATURATE);

  static void assertFails(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
  }

  @Test
  void doubleWeightsAreRoundedHalfEvenAndSaturatedIntoTheWeightType() {
    Dense d = Dense.builder("fc", 1)
        .weights(new double[][] {{0.046875, 0.078125, -0.046875, 5.0, -5.0, 0.01}})
        .bias(new double[] {0.3})
        .weightType(sfix(6, 5)).biasType(sfix(4, 3)).result(OUT)
        .build(6, sfix(8, 4));
    // 1.5 -> 2, 2.5 -> 2, -1.5 -> -2, saturate 31, saturate -32, 0.32 -> 0
    assertArrayEquals(new long[] {2, 2, -2, 31, -32, 0}, d.weights()[0]);
    assertArrayEquals(new long[] {2}, d.bias()); // 2.4 -> 2
    assertArrayEquals(new double[] {0.046875, 0.078125, -0.046875, 5.0, -5.0, 0.01}, d.sourceWeights()[0]);
    assertEquals(0.3, d.sourceBias()[0]);
  }

  @Test
  void rawWeightsMustFitTheWeightType() {
    Dense.Builder b = Dense.builder("fc", 1).rawWeights(new long[][] {{32}}).weightType(sfix(6, 5)).result(OUT);
    assertFails("fc: weight[0][0] = 32 does not fit sfix(6,5)", () -> b.build(1, sfix(8, 4)));
    Dense.Builder bias = Dense.builder("fc", 1).rawWeights(new long[][] {{1}}).rawBias(new long[] {-1})
        .weightType(sfix(6, 5)).biasType(ufix(4, 3)).result(OUT);
    assertFails("fc: bias[0] = -1 does not fit ufix(4,3)", () -> bias.build(1, sfix(8, 4)));
  }

  @Test
  void maskPrunesWeightsToZeroAndBiasDefaultsToZero() {
    Dense d = Dense.builder("fc", 2)
        .weights(new double[][] {{0.5, 0.25}, {-0.5, 0.125}})
        .mask(new boolean[][] {{true, false}, {false, false}})
        .weightType(sfix(6, 5)).result(OUT).build(2, sfix(8, 4));
    assertArrayEquals(new long[][] {{16, 0}, {0, 0}}, d.weights());
    assertArrayEquals(new long[] {0, 0}, d.bias());
    assertEquals(1, d.nonzeroWeights());
    assertEquals(0.0, d.sourceWeights()[0][1]);
    assertEquals(sfix(6, 5), d.biasType());
  }

  @Test
  void batchNormIsFoldedIntoThePrecedingDenseBeforeQuantization() {
    BatchNorm norm = new BatchNorm(new double[] {2.0, 1.0}, new double[] {0.25, -0.5}, new double[] {0.5, 0.0},
        new double[] {0.75, 3.99}, 0.25);
    // scales 2 / sqrt(1) = 2 and 1 / sqrt(4.24)
    Network n = Network.builder("bn", 2, sfix(8, 4))
        .dense(Dense.builder("fc", 2).weights(new double[][] {{0.25, -0.125}, {0.5, 0.5}})
            .bias(new double[] {0.0, 0.25}).weightType(sfix(8, 6)).biasType(sfix(8, 5)).result(OUT))
        .batchNorm(norm)
        .build();
    Dense d = n.denseLayers().get(0);
    double s1 = 1 / Math.sqrt(4.24);
    assertArrayEquals(new double[] {0.5, -0.25}, d.sourceWeights()[0], 1e-12);
    assertArrayEquals(new double[] {0.5 * s1, 0.5 * s1}, d.sourceWeights()[1], 1e-12);
    assertArrayEquals(new double[] {(0.0 - 0.5) * 2 + 0.25, 0.25 * s1 - 0.5}, d.sourceBias(), 1e-12);
    assertArrayEquals(new long[] {32, -16}, d.weights()[0]);
    assertArrayEquals(new long[] {-24, -12}, d.bias()); // -0.75 and -0.37858... -> -12.11 -> -12
    assertEquals(1, n.layers().size());
  }

  @Test
  void batchNormFoldsRawWeightsThroughTheirExactValues() {
    Network n = Network.builder("bn", 1, sfix(8, 4))
        .dense(Dense.builder("fc", 1).rawWeights(new long[][] {{8}}).rawBias(new long[] {4})
            .weightType(sfix(6, 5)).result(OUT))
        .batchNorm(new BatchNorm(new double[] {3}, new double[] {0}, new double[] {0}, new double[] {1}, 0))
        .build();
    assertArrayEquals(new long[] {24}, n.denseLayers().get(0).weights()[0]);
    assertArrayEquals(new long[] {12}, n.denseLayers().get(0).bias());
  }

  @Test
  void batchNormMustFollowADenseLayerOfTheSameWidth() {
    Network.Builder b = Network.builder("n", 2, sfix(8, 4));
    BatchNorm two = new BatchNorm(new double[2], new double[2], new double[2], new double[] {1, 1}, 0);
    assertFails("batch norm must directly follow a dense layer", () -> b.batchNorm(two));
    b.dense(Dense.builder("fc", 3).weights(new double[3][2]).weightType(sfix(6, 5)).result(OUT));
    assertFails("batch norm has 2 channels, the layer has 3 outputs", () -> b.batchNorm(two));
    b.relu();
    BatchNorm three = new BatchNorm(new double[3], new double[3], new double[3], new double[] {1, 1, 1}, 0);
    assertFails("batch norm must directly follow a dense layer", () -> b.batchNorm(three));
    assertFails("variance[0] + epsilon must be > 0",
        () -> new BatchNorm(new double[1], new double[1], new double[1], new double[] {0}, 0));
    assertFails("differ in length", () -> new BatchNorm(new double[1], new double[2], new double[1], new double[1], 1));
    assertFails("epsilon", () -> new BatchNorm(new double[1], new double[1], new double[1], new double[1], -1));
  }

  @Test
  void denseBuilderRejectsMissingAndMisshapenParametersAtTheCall() {
    assertFails("fc: weights has 2 rows, expected 3", () -> Dense.builder("fc", 3).weights(new double[2][1]));
    assertFails("fc: bias has 2 rows, expected 3", () -> Dense.builder("fc", 3).bias(new double[2]));
    assertFails("fc: mask has 1 rows, expected 3", () -> Dense.builder("fc", 3).mask(new boolean[1][1]));
    assertFails("at least one output", () -> Dense.builder("fc", 0));
    assertFails("needs a name", () -> Dense.builder(" ", 1));
    assertFails("fc: no weights given", () -> Dense.builder("fc", 1).weightType(sfix(6, 5)).result(OUT).build(1, sfix(8, 4)));
    assertFails("fc: no weight type given", () -> Dense.builder("fc", 1).weights(new double[1][1]).result(OUT).build(1, sfix(8, 4)));
    assertFails("fc: no result type given",
        () -> Dense.builder("fc", 1).weights(new double[1][1]).weightType(sfix(6, 5)).build(1, sfix(8, 4)));
    assertFails("fc: weights[0] has 2 numbers, expected 3",
        () -> Dense.builder("fc", 1).weights(new double[1][2]).weightType(sfix(6, 5)).result(OUT).build(3, sfix(8, 4)));
    assertFails("fc: mask[0] has 2 entries, expected 3", () -> Dense.builder("fc", 1).weights(new double[1][3])
        .mask(new boolean[1][2]).weightType(sfix(6, 5)).result(OUT).build(3, sfix(8, 4)));
    assertFails("wider than 62 bits", () -> Dense.builder("fc", 1).weightType(sfix(63, 5)));
    assertFails("products of sfix(40,5) weights and sfix(30,4) inputs are wider than 62 bits",
        () -> Dense.builder("fc", 1).weights(new double[1][1]).weightType(sfix(40, 5)).result(OUT).build(1, sfix(30, 4)));
  }

  @Test
  void explicitAccumulatorKeepsItsOverflowModeAndTheDefaultIsExact() {
    Dense given = Dense.builder("fc", 1).rawWeights(new long[][] {{1}}).weightType(sfix(6, 5))
        .accumulator(sfix(10, 6), Overflow.SATURATE).result(OUT).build(1, sfix(8, 4));
    assertEquals(sfix(10, 6), given.accumulatorType());
    assertEquals(Overflow.SATURATE, given.accumulatorOverflow());
    Dense exact = Dense.builder("fc", 1).rawWeights(new long[][] {{-32}}).weightType(sfix(6, 5)).result(OUT)
        .build(1, sfix(8, 4));
    assertEquals(sfix(14, 9), exact.accumulatorType()); // -32 * -128 = 4096 needs 14 signed bits
    assertEquals(Overflow.WRAP, exact.accumulatorOverflow());
    assertEquals(sfix(14, 9), exact.productType());
  }

  @Test
  void layersChainByWidthAndTypeAndActivationsAreNamedByPosition() {
    Network n = Network.builder("chain", 3, sfix(8, 4))
        .dense(Dense.builder("fc1", 4).weights(new double[4][3]).weightType(sfix(6, 5)).result(OUT))
        .relu(new Quantizer(ufix(8, 4), Rounding.TRUNCATE, Overflow.SATURATE))
        .named("squash").sigmoid(new LookupTable(64, -8, 8, ufix(8, 8)))
        .tanh(new LookupTable(64, -8, 8, sfix(8, 6)))
        .clippedRelu(0.5)
        .hardTanh()
        .linear()
        .softmax(new LookupTable(64, -8, 0, ufix(8, 7)), new LookupTable(64, 0, 8, ufix(8, 7)),
            new Quantizer(ufix(8, 8), Rounding.HALF_EVEN, Overflow.SATURATE))
        .argmax()
        .build();
    assertEquals(List.of("fc1", "relu2", "squash", "tanh4", "clipped_relu5", "hard_tanh6", "linear7", "softmax8",
        "argmax9"), n.layers().stream().map(Layer::name).toList());
    assertEquals(ufix(8, 4), n.layers().get(2).inputType());
    assertEquals(1, n.outputs());
    assertEquals(ufix(2, 0), n.outputType());
    assertEquals(n.layer("squash"), n.layers().get(2));
    assertFails("no layer named nope", () -> n.layer("nope"));
    assertTrue(n.toString().contains("squash: sigmoid 4 -> 4 x ufix(8,8)"), n.toString());
    assertEquals(32, ((Activation.ClippedRelu) n.layer("clipped_relu5")).ceilingRaw()); // 0.5 in sfix(8,6)
  }

  @Test
  void networkRejectsLayersThatDoNotChainAndDuplicateNames() {
    Activation.Relu relu = new Activation.Relu("r", 3, sfix(8, 4), Quantizer.of(sfix(8, 4)));
    assertFails("layer r takes 3 x sfix(8,4) but receives 2 x sfix(8,4)",
        () -> new Network("n", 2, sfix(8, 4), List.of(relu)));
    assertFails("layer r takes 3 x sfix(8,4) but receives 3 x sfix(8,3)",
        () -> new Network("n", 3, sfix(8, 3), List.of(relu)));
    assertFails("two layers are named r", () -> new Network("n", 3, sfix(8, 4), List.of(relu, relu)));
    assertFails("at least one layer", () -> new Network("n", 3, sfix(8, 4), List.of()));
    assertFails("at least one input", () -> Network.builder("n", 0, sfix(8, 4)));
    assertFails("expected 3 inputs, got 2", () -> new Network("n", 3, sfix(8, 4), List.of(relu)).quantizeInput(new double[2]));
  }

  @Test
  void activationsRejectBadParameters() {
    Network.Builder b = Network.builder("n", 2, sfix(8, 4));
    assertFails("ceiling must be finite and > 0", () -> b.clippedRelu(0));
    assertFails("reciprocal table must not reach below 0", () -> b.softmax(new LookupTable(4, -4, 0, ufix(8, 7)),
        new LookupTable(4, -4, 0, ufix(8, 7)), Quantizer.of(ufix(8, 8))));
    assertFails("exp and reciprocal types are too wide", () -> b.softmax(new LookupTable(4, -4, 0, ufix(40, 7)),
        new LookupTable(4, 0, 4, ufix(40, 7)), Quantizer.of(ufix(8, 8))));
    assertFails("at least one input", () -> new Activation.Argmax("a", 0, sfix(8, 4)));
  }

  @Test
  void quantizeInputRoundsHalfEvenAndSaturates() {
    Network n = Network.builder("n", 3, sfix(8, 4)).relu().build();
    assertArrayEquals(new long[] {2, 127, -128}, n.quantizeInput(new double[] {0.15625, 100, -100}));
  }

  @Test
  void denseIsAnImmutableValue() {
    long[][] w = {{1, 2}};
    Dense.Builder b = Dense.builder("fc", 1).rawWeights(w).weightType(sfix(6, 5)).result(OUT);
    Dense d = b.build(2, sfix(8, 4));
    w[0][0] = 9;
    d.weights()[0][1] = 9;
    assertEquals(1, d.weight(0, 0));
    assertEquals(2, d.weight(0, 1));
    assertEquals(d, b.build(2, sfix(8, 4)));
    assertEquals(d.hashCode(), b.build(2, sfix(8, 4)).hashCode());
    assertNotEquals(d, Dense.builder("fc", 1).rawWeights(new long[][] {{1, 3}}).weightType(sfix(6, 5)).result(OUT)
        .build(2, sfix(8, 4)));
    assertTrue(d.toString().startsWith("dense fc 2->1"), d.toString());
  }

  @Test
  void quantizerDefaultsToTruncateAndWrapLikeApFixed() {
    Quantizer q = Quantizer.of(sfix(4, 0));
    assertEquals(Rounding.TRUNCATE, q.rounding());
    assertEquals(Overflow.WRAP, q.overflow());
    assertEquals(-8, q.apply(8 << 2, sfix(10, 2)));
    assertEquals(1, q.fromDouble(1.9));
    assertEquals("sfix(4,0) TRUNCATE WRAP", q.toString());
    FixedType t = sfix(4, 0);
    assertEquals(t, q.type());
  }
}
