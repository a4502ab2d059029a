package dev.gatewright.nn;

import static dev.gatewright.hdl.Hdl.sfix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Convolutions and pools: what the golden model computes, their JSON, and who refuses them. */
class SpatialLayersTest {

  /** 5x5x2 -> conv 3x3 stride 2 pad (1,0,1,1) -> 3 channels, exact types; max pool 2x2 pad; global sum. */
  static Network small() {
    Random random = new Random(2);
    long[][] w = new long[3][18];
    for (long[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextInt(15) - 7;
      }
    }
    FeatureMap in = new FeatureMap(5, 5, 2);
    Network.Builder b = Network.builder("spatial", in.size(), sfix(6, 2))
        .conv(in, new Window(3, 3, 2, 2, 1, 0, 1, 1), Dense.builder("conv", 3).rawWeights(w).weightType(sfix(5, 3))
            .rawBias(new long[] {1, -2, 3}).result(Quantizer.of(sfix(24, 5))));
    FeatureMap out = new FeatureMap(3, 2, 3);
    Dense kernel = ((Conv) b.build().layers().get(0)).kernel();
    b.maxPool(out, new Window(2, 2, 1, 1, 1, 1, 0, 0));
    FeatureMap pooled = new FeatureMap(3, 2, 3);
    FixedType t = kernel.outputType();
    return b.globalPool(pooled, 1, Quantizer.of(GlobalPool.sumType(pooled, t))).build();
  }

  @Test
  void convolutionsAndPoolsWithExactTypesEqualTheDoubleReference() {
    Network network = small();
    GoldenModel golden = new GoldenModel(network);
    ReferenceModel reference = new ReferenceModel(network, ReferenceModel.Weights.QUANTIZED);
    Random random = new Random(7);
    for (int n = 0; n < 200; n++) {
      long[] x = new long[network.inputs()];
      double[] real = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(64) - 32;
        real[i] = network.inputType().toDouble(BigInteger.valueOf(x[i]));
      }
      long[] y = golden.infer(x);
      double[] expected = reference.infer(real);
      for (int o = 0; o < y.length; o++) {
        assertEquals(expected[o], network.outputType().toDouble(BigInteger.valueOf(y[o])), 0.0, "output " + o);
      }
    }
  }

  @Test
  void aConvolutionIsItsKernelOnEachPaddedWindowInRowColumnChannelOrder() {
    FeatureMap in = new FeatureMap(2, 3, 1);
    long[][] w = {{1, 10, 100, 1000}};
    Network net = Network.builder("c", 6, sfix(8, 0))
        .conv(in, new Window(2, 2, 1, 1, 0, 1, 1, 0), Dense.builder("k", 1).rawWeights(w).weightType(sfix(12, 0))
            .result(Quantizer.of(sfix(20, 0))))
        .build();
    // x = [[1, 2, 3], [4, 5, 6]]; output (0,0) sees [pad, 1, pad, 4]; (1,2) sees [5, 6, pad, pad]
    long[] y = new GoldenModel(net).infer(new long[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new long[] {10 + 4000, 1 + 20 + 400 + 5000, 2 + 30 + 500 + 6000, 40, 4 + 50, 5 + 60}, y);
  }

  @Test
  void globalAveragesRoundTheExactQuotientOnceAsFixedMathRounds() {
    FeatureMap map = new FeatureMap(1, 7, 1);
    FixedType in = sfix(6, 1);
    Random random = new Random(3);
    for (Rounding rounding : Rounding.values()) {
      for (int fraction : new int[] {0, 1, 3}) {
        Quantizer q = new Quantizer(sfix(8, fraction), rounding, Overflow.SATURATE);
        GlobalPool pool = new GlobalPool("gap", map, in, 7, q);
        for (int n = 0; n < 300; n++) {
          long[] x = new long[7];
          long sum = 0;
          for (int i = 0; i < 7; i++) {
            x[i] = random.nextInt(64) - 32;
            sum += x[i];
          }
          BigDecimal exact = new BigDecimal(sum).divide(new BigDecimal(14), 20, RoundingMode.DOWN);
          BigInteger scaled = round(new BigDecimal(sum).multiply(BigDecimal.valueOf(2).pow(fraction))
              .divide(new BigDecimal(14), 60, RoundingMode.DOWN), rounding, sum);
          BigInteger expected = FixedMath.overflow(scaled, q.type(), q.overflow());
          assertEquals(expected.longValueExact(), GoldenModel.globalPool(pool, x)[0],
              rounding + " fraction " + fraction + " sum " + sum + " (" + exact + ")");
        }
      }
    }
  }

  /** The exact quotient {@code v} (truncated to 60 places; exact here) rounded as FixedMath rounds. */
  private static BigInteger round(BigDecimal v, Rounding rounding, long sign) {
    BigDecimal floor = v.setScale(0, RoundingMode.FLOOR);
    BigDecimal fraction = v.subtract(floor);
    int half = fraction.compareTo(new BigDecimal("0.5"));
    boolean up = switch (rounding) {
      case TRUNCATE -> false;
      case TRUNCATE_TO_ZERO -> v.signum() < 0 && fraction.signum() != 0;
      case HALF_UP -> half >= 0;
      case HALF_EVEN -> half > 0 || (half == 0 && floor.toBigInteger().testBit(0));
    };
    return floor.toBigInteger().add(up ? BigInteger.ONE : BigInteger.ZERO);
  }

  @Test
  void aPowerOfTwoDivisorIsAResizeOfTheSum() {
    FeatureMap map = new FeatureMap(2, 2, 1);
    FixedType in = sfix(6, 2);
    Quantizer q = new Quantizer(sfix(5, 1), Rounding.HALF_EVEN, Overflow.SATURATE);
    GlobalPool pool = GlobalPool.average("gap", map, in, q);
    FixedType shifted = new FixedType(true, pool.sumType().width(), pool.sumType().fraction() + 2);
    for (long a = -32; a < 32; a += 5) {
      long[] x = {a, 7, -3, a / 2};
      long sum = a + 7 - 3 + a / 2;
      assertEquals(FixedMath.resize(BigInteger.valueOf(sum), shifted, q.type(), q.rounding(), q.overflow())
          .longValueExact(), GoldenModel.globalPool(pool, x)[0]);
    }
  }

  @Test
  void maxPoolPaddingNeverWins() {
    FeatureMap map = new FeatureMap(2, 2, 1);
    Network net = Network.builder("p", 4, sfix(4, 0)).maxPool(map, new Window(2, 2, 1, 1, 1, 1, 1, 1)).build();
    long[] y = new GoldenModel(net).infer(new long[] {-8, -7, -6, -5});
    assertArrayEquals(new long[] {-8, -7, -7, -6, -5, -5, -6, -5, -5}, y);
  }

  @Test
  void spatialLayersSurviveTheJsonFile() {
    Network network = small();
    assertEquals(network, NetworkJson.read(NetworkJson.write(network)));
    assertEquals(NetworkJson.write(network), NetworkJson.write(NetworkJson.read(NetworkJson.write(network))));
  }

  @Test
  void aBadWindowInTheFileNamesItsPath() {
    String text = NetworkJson.write(small()).replace("\"strides\" : [ 2, 2 ]", "\"strides\" : [ 0, 2 ]");
    NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(text));
    assertTrue(e.getMessage().startsWith("$.layers[0].window: strides must be at least 1"), e.getMessage());
  }

  @Test
  void windowsRefusePaddingAsLargeAsTheKernel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Window(2, 2, 1, 1, 2, 0, 0, 0));
    assertTrue(e.getMessage().contains("smaller than the kernel"), e.getMessage());
  }

  @Test
  void theDenseArchitecturesRefuseConvolutionsNamingTheDataflowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkGenerator(small(), DenseOptions.defaults()).build());
    assertTrue(e.getMessage().contains("layer conv is a convolution") && e.getMessage().contains("dataflow"),
        e.getMessage());
  }

  @Test
  void aConvolutionCostsItsKernelAtEveryOutputPosition() {
    CostReport.LayerCost conv = CostReport.of(small()).layers().get(0);
    assertEquals(18, conv.inputs());
    assertEquals(3, conv.outputs());
    assertEquals(18 * 3 + 3, conv.parameters());
    long nonzero = ((Conv) small().layers().get(0)).kernel().nonzeroWeights();
    assertEquals(nonzero, conv.nonzeroWeights());
    assertEquals(nonzero * 6, conv.macs(), "nonzero weights times the 3 x 2 output positions");
  }
}
