package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.util.Random;

/** Small LogicNets-style networks: each neuron reads a few random inputs, activations of 2–3 bits. */
final class LogicNetsNetworks {

  private LogicNetsNetworks() {}

  /**
   * 10 inputs of 2 bits → 8 neurons (fan-in 4, ReLU to 2 bits) → 6 neurons (fan-in 3, ReLU to 3 bits)
   * → 3 neurons (fan-in 5 of 3 bits: 15 address bits) → argmax.
   */
  static Network jetLike(long seed) {
    Random random = new Random(seed);
    return Network.builder("lnet", 10, ufix(2, 1))
        .dense(Dense.builder("fc1", 8).weights(sparse(8, 10, 4, random)).bias(biases(8, random))
            .weightType(sfix(4, 2)).biasType(sfix(6, 3))
            .result(new Quantizer(sfix(8, 3), Rounding.HALF_EVEN, Overflow.SATURATE)))
        .relu(new Quantizer(ufix(2, 1), Rounding.HALF_UP, Overflow.SATURATE))
        .dense(Dense.builder("fc2", 6).weights(sparse(6, 8, 3, random)).bias(biases(6, random))
            .weightType(sfix(4, 2)).biasType(sfix(6, 3))
            .result(new Quantizer(sfix(8, 3), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu(new Quantizer(ufix(3, 2), Rounding.HALF_UP, Overflow.SATURATE))
        .dense(Dense.builder("fc3", 3).weights(sparse(3, 6, 5, random)).weightType(sfix(4, 2))
            .result(new Quantizer(sfix(8, 4), Rounding.TRUNCATE, Overflow.SATURATE)))
        .argmax()
        .build();
  }

  /** Weights with exactly {@code fanIn} nonzero entries per row, in random columns. */
  static double[][] sparse(int outputs, int inputs, int fanIn, Random random) {
    double[][] w = new double[outputs][inputs];
    for (double[] row : w) {
      int placed = 0;
      while (placed < fanIn) {
        int i = random.nextInt(inputs);
        if (row[i] == 0) {
          double v = (random.nextInt(7) - 3) / 4.0;
          row[i] = v == 0 ? 0.5 : v;
          placed++;
        }
      }
    }
    return w;
  }

  static double[] biases(int outputs, Random random) {
    double[] b = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      b[o] = (random.nextInt(9) - 4) / 8.0;
    }
    return b;
  }
}
