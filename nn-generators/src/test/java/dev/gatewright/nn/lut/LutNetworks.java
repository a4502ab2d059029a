package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.util.Random;

/** Small networks made for truth-table neurons, shared by the tests of this module and of the build pipeline. */
public final class LutNetworks {

  private LutNetworks() {}

  /** LogicNets style: 8 inputs of 2 bits, 8 then 4 neurons of fan-in 3 with 2-bit ReLUs between, an argmax. */
  public static Network logicNets() {
    Random random = new Random(16);
    Quantizer act = new Quantizer(ufix(2, 1), Rounding.HALF_UP, Overflow.SATURATE);
    return Network.builder("lut_small", 8, ufix(2, 1))
        .dense(sparse("fc1", 8, 8, random)).relu(act)
        .dense(sparse("fc2", 4, 8, random))
        .argmax()
        .build();
  }

  private static Dense.Builder sparse(String name, int outputs, int inputs, Random random) {
    double[][] w = new double[outputs][inputs];
    double[] b = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      for (int placed = 0; placed < 3; ) {
        int i = random.nextInt(inputs);
        if (w[o][i] == 0) {
          w[o][i] = (random.nextInt(7) + 1) / 8.0 * (random.nextBoolean() ? 1 : -1);
          placed++;
        }
      }
      b[o] = (random.nextInt(9) - 4) / 8.0;
    }
    return Dense.builder(name, outputs).weights(w).bias(b).weightType(sfix(4, 3)).biasType(sfix(6, 3))
        .result(new Quantizer(sfix(8, 4), Rounding.HALF_EVEN, Overflow.SATURATE));
  }
}
