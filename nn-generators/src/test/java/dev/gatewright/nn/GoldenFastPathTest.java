package dev.gatewright.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The golden model's dense fast path ({@code long} arithmetic over the nonzero weights) computes the five
 * steps of {@link GoldenModel}'s definition, written here in BigInteger: on random layers of every shape of
 * alignment (products and bias shifted left or floored), accumulator overflow, rounding and result overflow,
 * pruned or not, on random and extreme inputs.
 */
class GoldenFastPathTest {

  /** The definition, step by step, in BigInteger. */
  private static long[] definition(Dense d, long[] x) {
    FixedType acc = d.accumulatorType();
    long[] out = new long[d.outputs()];
    for (int o = 0; o < out.length; o++) {
      BigInteger total = FixedMath.round(BigInteger.valueOf(d.bias(o)), d.biasType().fraction() - acc.fraction(),
          Rounding.TRUNCATE);
      for (int i = 0; i < x.length; i++) {
        BigInteger product = BigInteger.valueOf(d.weight(o, i)).multiply(BigInteger.valueOf(x[i]));
        total = total.add(FixedMath.round(product, d.weightType().fraction() + d.inputType().fraction() - acc.fraction(),
            Rounding.TRUNCATE));
      }
      BigInteger accumulated = FixedMath.overflow(total, acc, d.accumulatorOverflow());
      out[o] = FixedMath.resize(accumulated, acc, d.result().type(), d.result().rounding(), d.result().overflow())
          .longValueExact();
    }
    return out;
  }

  @Test
  void denseLayersComputeTheDefinitionOnRandomAndExtremeInputs() {
    Random random = new Random(15);
    for (int layer = 0; layer < 300; layer++) {
      int inputs = 1 + random.nextInt(12);
      int outputs = 1 + random.nextInt(6);
      FixedType in = new FixedType(random.nextBoolean(), 2 + random.nextInt(14), random.nextInt(12) - 2);
      FixedType w = new FixedType(true, 2 + random.nextInt(10), random.nextInt(10) - 1);
      FixedType b = new FixedType(true, 2 + random.nextInt(12), random.nextInt(14) - 2);
      long[][] weights = new long[outputs][inputs];
      long[] bias = new long[outputs];
      for (int o = 0; o < outputs; o++) {
        for (int i = 0; i < inputs; i++) {
          weights[o][i] = random.nextInt(3) == 0 ? 0 : raw(random, w);
        }
        bias[o] = raw(random, b);
      }
      FixedType exact = Dense.exactAccumulatorType(in, w, weights, b, bias);
      int narrower = random.nextInt(4);
      FixedType acc = new FixedType(true, Math.max(2, exact.width() - narrower * 3),
          exact.fraction() - (random.nextInt(3) == 0 ? 2 : 0));
      Overflow accOverflow = Overflow.values()[random.nextInt(Overflow.values().length)];
      Quantizer result = new Quantizer(new FixedType(random.nextBoolean(), 2 + random.nextInt(16), random.nextInt(12) - 2),
          Rounding.values()[random.nextInt(Rounding.values().length)],
          Overflow.values()[random.nextInt(Overflow.values().length)]);
      Network network = Network.builder("n" + layer, inputs, in).dense(Dense.builder("d", outputs).weightType(w)
          .biasType(b).rawWeights(weights).rawBias(bias).accumulator(acc, accOverflow).result(result)).build();
      Dense d = network.denseLayers().get(0);
      GoldenModel golden = new GoldenModel(network);
      for (int k = 0; k < 200; k++) {
        long[] x = new long[inputs];
        for (int i = 0; i < inputs; i++) {
          x[i] = switch (k % 4) {
            case 0 -> in.minRaw().longValueExact();
            case 1 -> in.maxRaw().longValueExact();
            default -> raw(random, in);
          };
        }
        long[] expected = definition(d, x);
        assertArrayEquals(expected, golden.infer(x), d + " on input " + k);
        assertArrayEquals(expected, GoldenModel.dense(d, x), d + " on input " + k);
      }
    }
  }

  private static long raw(Random random, FixedType type) {
    long min = type.minRaw().longValueExact();
    long max = type.maxRaw().longValueExact();
    return min + (long) (random.nextDouble() * (max - min + 1));
  }
}
