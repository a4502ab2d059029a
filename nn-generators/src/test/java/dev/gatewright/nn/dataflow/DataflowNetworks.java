package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.util.Random;

/** Small networks for the dataflow tests. */
final class DataflowNetworks {

  private DataflowNetworks() {}

  /**
   * A binarized MLP in FINN's TFC style: 12 unsigned 4-bit inputs, a sign threshold per input (bipolar), two ±1
   * layers with bipolar threshold activations in between, and an argmax over 4 classes.
   */
  static Network binarized() {
    Random random = new Random(11);
    long[][] inputThresholds = new long[12][];
    for (int i = 0; i < 12; i++) {
      inputThresholds[i] = new long[] {random.nextInt(16)};
    }
    Network.Builder b = Network.builder("bnn", 12, ufix(4, 0))
        .thresholds(inputThresholds, filled(12, -1), filled(12, 2), sfix(2, 0))
        .dense(Dense.builder("fc1", 8).rawWeights(bipolar(8, 12, random)).weightType(sfix(2, 0))
            .result(Quantizer.of(sfix(6, 0))));
    long[][] hidden = new long[8][];
    for (int c = 0; c < 8; c++) {
      hidden[c] = new long[] {random.nextInt(9) - 4};
    }
    return b.thresholds(hidden, filled(8, -1), filled(8, 2), sfix(2, 0))
        .dense(Dense.builder("fc2", 4).rawWeights(bipolar(4, 8, random)).weightType(sfix(2, 0))
            .rawBias(new long[] {1, -1, 0, 1}).result(Quantizer.of(sfix(6, 0))))
        .argmax()
        .build();
  }

  /**
   * A low-bit MLP: 6 signed inputs, a 4-bit layer with a bias, a quantized ReLU, a 3-bit layer requantized with
   * rounding and saturation, and a 3-level threshold activation with per-channel levels.
   */
  static Network lowBit() {
    Random random = new Random(5);
    Network.Builder b = Network.builder("lowbit", 6, sfix(6, 3))
        .dense(Dense.builder("fc1", 4).rawWeights(raw(4, 6, 7, random)).weightType(sfix(4, 2))
            .rawBias(new long[] {3, -5, 0, 7}).biasType(sfix(6, 3))
            .result(new Quantizer(sfix(8, 3), Rounding.TRUNCATE, Overflow.WRAP)))
        .relu(new Quantizer(ufix(5, 2), Rounding.HALF_EVEN, Overflow.SATURATE))
        .dense(Dense.builder("fc2", 6).rawWeights(raw(6, 4, 3, random)).weightType(sfix(3, 1))
            .rawBias(new long[] {1, 0, -2, 3, -1, 0}).biasType(sfix(4, 2))
            .result(new Quantizer(sfix(6, 2), Rounding.HALF_UP, Overflow.SATURATE)));
    long[][] t = new long[6][];
    for (int c = 0; c < 6; c++) {
      int a = random.nextInt(10) - 8;
      t[c] = new long[] {a, a + random.nextInt(6), a + 8};
    }
    return b.thresholds(t, new long[] {0, -1, 2, 0, 1, -3}, new long[] {1, 1, -1, 2, 1, 1}, sfix(5, 0)).build();
  }

  static long[] filled(int n, long v) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static long[][] bipolar(int outputs, int inputs, Random random) {
    long[][] w = new long[outputs][inputs];
    for (long[] row : w) {
      for (int i = 0; i < inputs; i++) {
        row[i] = random.nextBoolean() ? 1 : -1;
      }
    }
    return w;
  }

  static long[][] raw(int outputs, int inputs, int magnitude, Random random) {
    long[][] w = new long[outputs][inputs];
    for (long[] row : w) {
      for (int i = 0; i < inputs; i++) {
        row[i] = random.nextInt(2 * magnitude + 1) - magnitude;
      }
    }
    return w;
  }
}
