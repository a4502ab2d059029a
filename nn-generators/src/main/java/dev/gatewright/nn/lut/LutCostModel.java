package dev.gatewright.nn.lut;

import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.arith.Csd;
import java.util.List;

/**
 * Estimated 6-input LUTs (Xilinx 7-series) of one neuron, as a truth table and as adder arithmetic,
 * for reports and for choosing how to build each layer ({@link LutPlan}).
 *
 * <p><b>Truth table.</b> A function of {@code X} inputs and {@code Y} outputs costs at most
 * {@code Y/3 · (2^(X−4) − (−1)^X)} LUT6s (LogicNets' bound: one LUT6 up to six inputs, then a tree of
 * LUT6s and the slice's F7/F8 multiplexers). The estimate applies it to each output bit with {@code X}
 * the bits that output bit really depends on (its support, from the table): constant bits cost nothing,
 * and a bit that depends on few inputs costs few LUTs — which is what synthesis finds first.
 *
 * <p><b>Adder arithmetic.</b> One LUT per bit of every adder (the carry chain does the rest): each
 * product by a constant weight costs its canonical-signed-digit adders ({@code nonzero digits − 1}) at the
 * product's width, the sum of the terms {@code terms − 1} adders at the accumulator's width, and the
 * activation one LUT per output bit (a ReLU or a clamp) or a comparator per threshold.
 */
public final class LutCostModel {

  private LutCostModel() {}

  /** LogicNets' LUT6 bound for a function of {@code x} inputs and {@code y} outputs. */
  public static double logicNetsBound(int x, int y) {
    if (x <= 0 || y <= 0) {
      return 0;
    }
    if (x <= 6) {
      return y;
    }
    return y / 3.0 * (Math.pow(2, x - 4) - (x % 2 == 0 ? 1 : -1));
  }

  /** LUT6s of one output bit that depends on {@code support} inputs. */
  public static long bitLuts(int support) {
    return Math.round(logicNetsBound(support, 1));
  }

  /** Estimated LUTs of a truth-table neuron: each output bit by its support. */
  public static long tableLuts(NeuronTable neuron) {
    if (neuron.fanIn() == 0) {
      return 0;
    }
    TableLogic logic = new TableLogic(neuron);
    long luts = 0;
    for (int bit = 0; bit < logic.outputBits(); bit++) {
      luts += bitLuts(logic.support(bit));
    }
    return luts;
  }

  /** Estimated LUTs of a layer of truth tables. */
  public static long tableLuts(TruthTableLayer layer) {
    return layer.neurons().stream().mapToLong(LutCostModel::tableLuts).sum();
  }

  /** Estimated LUTs of neuron {@code o} of {@code dense} and the element-wise layers after it, as adders. */
  public static long arithmeticLuts(Dense dense, int o, List<? extends Layer> after) {
    int productWidth = dense.productType().width();
    long luts = 0;
    int terms = dense.bias(o) != 0 ? 1 : 0;
    for (int i = 0; i < dense.inputs(); i++) {
      long w = dense.weight(o, i);
      if (w == 0) {
        continue;
      }
      terms++;
      if (dense.inputType().width() > 1) {
        luts += (long) Math.max(0, Csd.nonzeroDigits(w) - 1) * productWidth;
      }
    }
    luts += (long) Math.max(0, terms - 1) * dense.accumulatorType().width();
    luts += dense.result().type().width() < dense.accumulatorType().width() ? dense.result().type().width() : 0;
    for (Layer layer : after) {
      luts += activationLuts(layer);
    }
    return luts;
  }

  /** Estimated LUTs of a layer of adder arithmetic (the dense layer and the element-wise layers after it). */
  public static long arithmeticLuts(Dense dense, List<? extends Layer> after) {
    long luts = 0;
    for (int o = 0; o < dense.outputs(); o++) {
      luts += arithmeticLuts(dense, o, after);
    }
    return luts;
  }

  /** LUTs of one channel of an element-wise layer. */
  private static long activationLuts(Layer layer) {
    if (layer instanceof Thresholds t) {
      return (long) t.steps() * t.inputType().width() / 2 + t.outputType().width();
    }
    if (layer instanceof Activation.Sigmoid || layer instanceof Activation.Tanh) {
      return (long) layer.outputType().width() * Math.max(1, layer.inputType().width() - 4);
    }
    return layer.outputType().width();
  }
}
