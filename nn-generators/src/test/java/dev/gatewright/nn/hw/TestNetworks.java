package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.util.List;
import java.util.Random;

/** Small networks the generator tests share. */
final class TestNetworks {

  static final FixedType IN = sfix(8, 5);

  /** Every kind of activation the generators build, by the name the tests use. */
  static final List<String> ACTIVATIONS = List.of("linear", "relu", "relu-saturating", "relu-to-zero", "relu-narrow",
      "clipped", "clipped-unsigned", "hardtanh", "sigmoid", "tanh", "softmax", "argmax");

  private TestNetworks() {}

  /** 6 inputs, 4 outputs; about half the weights pruned, output 2 fully pruned, biases set. */
  static Dense smallDense(Overflow accumulatorOverflow, FixedType accumulator) {
    Random random = new Random(3);
    double[][] weights = new double[4][6];
    for (int o = 0; o < 4; o++) {
      for (int i = 0; i < 6; i++) {
        weights[o][i] = o == 2 || random.nextBoolean() ? 0 : random.nextDouble() * 2 - 1;
      }
    }
    Dense.Builder dense = Dense.builder("fc", 4).weights(weights).bias(new double[] {0.25, -0.5, 0.75, 0})
        .weightType(sfix(6, 5)).biasType(sfix(6, 5))
        .result(new Quantizer(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE));
    if (accumulator != null) {
      dense.accumulator(accumulator, accumulatorOverflow);
    }
    return (Dense) Network.builder("small", 6, IN).dense(dense).build().layers().get(0);
  }

  /** A network of one activation of the given kind over 5 inputs of {@link #IN}. */
  static Network activation(String kind) {
    Network.Builder builder = Network.builder("act_" + kind, 5, IN);
    Quantizer out = new Quantizer(sfix(6, 3), Rounding.HALF_UP, Overflow.SATURATE);
    return switch (kind) {
      case "linear" -> builder.linear(out).build();
      case "relu" -> builder.relu(new Quantizer(ufix(6, 4), Rounding.TRUNCATE, Overflow.WRAP)).build();
      // an unsigned saturating result clamps negatives itself: these ReLUs are built without their mux
      case "relu-saturating" -> builder.relu(new Quantizer(ufix(4, 2), Rounding.HALF_EVEN, Overflow.SATURATE)).build();
      case "relu-to-zero" -> builder.relu(new Quantizer(ufix(5, 1), Rounding.TRUNCATE_TO_ZERO, Overflow.SATURATE))
          .build();
      // a result narrower than the input's integer part: the bits above it saturate
      case "relu-narrow" -> builder.relu(new Quantizer(ufix(2, 1), Rounding.HALF_EVEN, Overflow.SATURATE)).build();
      case "clipped" -> builder.clippedRelu(1.5, out).build();
      case "clipped-unsigned" -> builder.clippedRelu(2.5, new Quantizer(ufix(5, 3), Rounding.HALF_UP,
          Overflow.SATURATE_SYMMETRIC)).build();
      case "hardtanh" -> builder.hardTanh(out).build();
      case "sigmoid" -> builder.sigmoid(new LookupTable(64, -4, 4, ufix(8, 8))).build();
      case "tanh" -> builder.tanh(new LookupTable(32, -2, 2, sfix(8, 6))).build();
      case "softmax" -> builder.softmax(new LookupTable(64, -8, 0, ufix(10, 9)), new LookupTable(64, 0, 8, ufix(10, 6)),
          new Quantizer(ufix(9, 8), Rounding.HALF_EVEN, Overflow.SATURATE)).build();
      case "argmax" -> builder.argmax().build();
      default -> throw new IllegalArgumentException("no test activation " + kind);
    };
  }

  /** 6 → 5 → ReLU → 3 → argmax, about a third of the weights pruned. */
  static Network mlp(String name) {
    return Network.builder(name, 6, IN)
        .dense(Dense.builder("fc1", 5).weights(randomWeights(5, 6, 1)).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(10, 6), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu()
        .dense(Dense.builder("fc2", 3).weights(randomWeights(3, 5, 2)).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(10, 6), Rounding.TRUNCATE, Overflow.SATURATE)))
        .argmax()
        .build();
  }

  static double[][] randomWeights(int outputs, int inputs, long seed) {
    Random random = new Random(seed);
    double[][] w = new double[outputs][inputs];
    for (double[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 2 - 1;
      }
    }
    return w;
  }
}
