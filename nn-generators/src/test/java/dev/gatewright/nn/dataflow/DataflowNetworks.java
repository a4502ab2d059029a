package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Window;
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

  /**
   * A small CNN: 7x7x2 inputs, a padded 3x3 convolution to 4 channels with a quantized ReLU, a 2x2 max pool
   * (stride 2), a 2x2 convolution with asymmetric padding, a global average pool over 9 positions (an exact
   * division by 9 with rounding), a dense layer and an argmax.
   */
  static Network cnn() {
    Random random = new Random(21);
    FeatureMap in = new FeatureMap(7, 7, 2);
    Window w1 = new Window(3, 3, 1, 1, 1, 1, 1, 1);
    Network.Builder b = Network.builder("cnn", in.size(), sfix(5, 2))
        .conv(in, w1, Dense.builder("conv1", 4).rawWeights(raw(4, 18, 7, random)).weightType(sfix(4, 2))
            .rawBias(new long[] {2, -3, 0, 5}).biasType(sfix(5, 2))
            .result(new Quantizer(sfix(9, 3), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu(new Quantizer(ufix(6, 2), Rounding.HALF_EVEN, Overflow.SATURATE));
    FeatureMap m1 = new FeatureMap(7, 7, 4);
    b.maxPool(m1, Window.of(2, 2));
    FeatureMap m2 = new FeatureMap(3, 3, 4);
    Window w2 = new Window(2, 2, 1, 1, 1, 0, 0, 1);
    b.conv(m2, w2, Dense.builder("conv2", 4).rawWeights(raw(4, 16, 3, random)).weightType(sfix(3, 1))
        .result(new Quantizer(sfix(8, 2), Rounding.HALF_UP, Overflow.SATURATE)));
    b.globalPool(new FeatureMap(3, 3, 4), 9, new Quantizer(sfix(8, 3), Rounding.HALF_EVEN, Overflow.SATURATE));
    return b.dense(Dense.builder("fc", 3).rawWeights(raw(3, 4, 5, random)).weightType(sfix(4, 2))
            .result(Quantizer.of(sfix(12, 5))))
        .argmax()
        .build();
  }

  /**
   * A binarized CNN: 6x6x2 unsigned inputs, sign thresholds per channel, a 3x3 ±1 convolution (no padding) to 4
   * channels with bipolar thresholds per channel, a 2x2 max pool, a ±1 dense layer and an argmax.
   */
  static Network binarizedCnn() {
    Random random = new Random(31);
    FeatureMap in = new FeatureMap(6, 6, 2);
    long[][] t0 = new long[in.size()][];
    for (int e = 0; e < in.size(); e++) {
      t0[e] = new long[] {e % 2 == 0 ? 5 : 9};
    }
    Network.Builder b = Network.builder("bcnn", in.size(), ufix(4, 0))
        .thresholds(t0, filled(in.size(), -1), filled(in.size(), 2), sfix(2, 0))
        .conv(in, Window.of(3, 1), Dense.builder("conv", 4).rawWeights(bipolar(4, 18, random)).weightType(sfix(2, 0))
            .result(Quantizer.of(sfix(7, 0))));
    FeatureMap m = new FeatureMap(4, 4, 4);
    long[][] t1 = new long[m.size()][];
    long[] base = new long[m.size()];
    long[] step = new long[m.size()];
    for (int e = 0; e < m.size(); e++) {
      t1[e] = new long[] {(e % 4) - 2};
      base[e] = e % 4 == 3 ? 1 : -1;
      step[e] = -2 * base[e];
    }
    b.thresholds(t1, base, step, sfix(2, 0)).maxPool(m, Window.of(2, 2));
    return b.dense(Dense.builder("fc", 3).rawWeights(bipolar(3, 16, random)).weightType(sfix(2, 0))
            .result(Quantizer.of(sfix(6, 0))))
        .argmax()
        .build();
  }

  /**
   * A one-dimensional CNN as hls4ml's conv1d example: 10 steps of 4 features, a width-4 convolution padded
   * (1, 2) to 3 channels, ReLU, a strided width-3 convolution to 2 channels, then a dense layer.
   */
  static Network conv1d() {
    Random random = new Random(41);
    FeatureMap in = new FeatureMap(1, 10, 4);
    Network.Builder b = Network.builder("c1d", in.size(), sfix(6, 3))
        .conv(in, new Window(1, 4, 1, 1, 0, 1, 0, 2), Dense.builder("conv_a", 3).rawWeights(raw(3, 16, 7, random))
            .weightType(sfix(4, 2)).rawBias(new long[] {1, 0, -2}).result(new Quantizer(sfix(8, 3), Rounding.TRUNCATE,
                Overflow.SATURATE)))
        .relu();
    FeatureMap m = new FeatureMap(1, 10, 3);
    b.conv(m, new Window(1, 3, 1, 2, 0, 0, 0, 0), Dense.builder("conv_b", 2).rawWeights(raw(2, 9, 7, random))
        .weightType(sfix(4, 3)).result(new Quantizer(sfix(8, 3), Rounding.HALF_EVEN, Overflow.SATURATE)));
    return b.dense(Dense.builder("fc", 5).rawWeights(raw(5, 8, 7, random)).weightType(sfix(4, 3))
            .result(Quantizer.of(sfix(14, 6))))
        .build();
  }

  /**
   * A dense layer whose 5-bit accumulator wraps, followed by thresholds: the count cannot move onto the
   * accumulator (its value is not monotone in the sum), so the unit compares the requantized value itself.
   */
  static Network wrapping() {
    Random random = new Random(9);
    long[][] t = new long[4][];
    for (int c = 0; c < 4; c++) {
      t[c] = new long[] {-6 + c, -1, 3 + c, 9};
    }
    return Network.builder("wrap", 8, sfix(4, 1))
        .dense(Dense.builder("fc", 4).rawWeights(raw(4, 8, 3, random)).weightType(sfix(3, 0))
            .accumulator(sfix(5, 1), Overflow.WRAP).result(new Quantizer(sfix(5, 1), Rounding.TRUNCATE, Overflow.WRAP)))
        .thresholds(t, new long[] {0, 0, 0, 0}, new long[] {1, 1, 1, 1}, ufix(3, 0))
        .build();
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
