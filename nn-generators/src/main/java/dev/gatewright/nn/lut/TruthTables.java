package dev.gatewright.nn.lut;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a dense layer and the element-wise layers after it into truth tables: for each neuron, every
 * combination of its inputs' raw values (those with a nonzero weight) is run through the golden model
 * of that neuron alone — its weights and bias (batch norm already folded into them), accumulator,
 * result quantizer, then each following activation or threshold layer on its channel — and the raw
 * output is the table's entry. The tables compute exactly what the layers compute, by construction.
 */
public final class TruthTables {

  /** The widest table built: 2^20 entries per neuron. */
  public static final int MAX_ADDRESS_BITS = 20;

  private TruthTables() {}

  /** The address bits of the widest neuron of {@code dense}: its largest fan-in times the input width. */
  public static int addressBits(Dense dense) {
    int widest = 0;
    for (int o = 0; o < dense.outputs(); o++) {
      widest = Math.max(widest, sources(dense, o).length);
    }
    return widest * dense.inputType().width();
  }

  /** Whether {@code layer} can be folded into the tables of the dense layer before it. */
  public static boolean isElementWise(Layer layer) {
    return Channels.isElementWise(layer);
  }

  /** The truth tables of {@code dense} followed by {@code after} (element-wise layers, in order). */
  public static TruthTableLayer of(Dense dense, List<? extends Layer> after) {
    int bits = addressBits(dense);
    if (bits > MAX_ADDRESS_BITS) {
      throw new IllegalArgumentException(dense.name() + ": a neuron with " + bits / dense.inputType().width()
          + " inputs of " + dense.inputType() + " needs a table of 2^" + bits + " entries; at most 2^"
          + MAX_ADDRESS_BITS + " are built (prune to a lower fan-in, or build the layer as arithmetic)");
    }
    Layer last = dense;
    List<String> covers = new ArrayList<>(List.of(dense.name()));
    for (Layer layer : after) {
      if (!isElementWise(layer)) {
        throw new IllegalArgumentException(layer.name() + " mixes channels; only element-wise layers fold into tables");
      }
      if (layer.inputs() != last.outputs() || !layer.inputType().equals(last.outputType())) {
        throw new IllegalArgumentException(layer.name() + " does not take what " + last.name() + " gives");
      }
      covers.add(layer.name());
      last = layer;
    }
    List<NeuronTable> neurons = new ArrayList<>(dense.outputs());
    for (int o = 0; o < dense.outputs(); o++) {
      neurons.add(neuron(dense, o, after));
    }
    return new TruthTableLayer(dense.name(), dense.inputs(), dense.inputType(), dense.outputs(), last.outputType(),
        neurons, covers);
  }

  private static NeuronTable neuron(Dense dense, int o, List<? extends Layer> after) {
    int[] sources = sources(dense, o);
    int fanIn = sources.length;
    long[][] w = new long[1][Math.max(fanIn, 1)];
    double[][] sourceW = new double[1][Math.max(fanIn, 1)];
    for (int k = 0; k < fanIn; k++) {
      w[0][k] = dense.weight(o, sources[k]);
      sourceW[0][k] = dense.sourceWeights()[o][sources[k]];
    }
    // a neuron without inputs keeps one zero weight, so that it is still a layer of one input
    Dense one = new Dense(dense.name() + "_" + o, w[0].length, 1, dense.inputType(), dense.weightType(), w,
        dense.biasType(), new long[] {dense.bias(o)}, dense.accumulatorType(), dense.accumulatorOverflow(),
        dense.result(), sourceW, new double[] {dense.sourceBias()[o]});
    List<Layer> chain = new ArrayList<>();
    chain.add(one);
    for (Layer layer : after) {
      chain.add(Channels.of(layer, o));
    }
    GoldenModel golden = new GoldenModel(chain);
    int b = dense.inputType().width();
    int size = 1 << (fanIn * b);
    long[] entries = new long[size];
    long[] x = new long[w[0].length];
    NeuronTable shape = new NeuronTable(o, sources, dense.inputType(), chain.get(chain.size() - 1).outputType(),
        new long[size]);
    for (int address = 0; address < size; address++) {
      for (int k = 0; k < fanIn; k++) {
        x[k] = shape.inputAt(address, k);
      }
      entries[address] = golden.infer(x)[0];
    }
    return new NeuronTable(o, sources, dense.inputType(), shape.outputType(), entries);
  }

  /** The inputs of neuron {@code o} with a nonzero weight, ascending. */
  static int[] sources(Dense dense, int o) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < dense.inputs(); i++) {
      if (dense.weight(o, i) != 0) {
        kept.add(i);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }
}
