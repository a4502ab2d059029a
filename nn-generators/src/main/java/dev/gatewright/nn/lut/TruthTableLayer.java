package dev.gatewright.nn.lut;

import dev.gatewright.hdl.FixedType;
import java.util.List;
import java.util.Objects;

/**
 * A dense layer and the element-wise layers after it (activations, thresholds), as one truth table per
 * neuron ({@link NeuronTable}): what LogicNets and LUTNet map onto FPGA lookup tables. {@code covers}
 * names the network layers it stands for, in order; its output is theirs, bit for bit.
 */
public record TruthTableLayer(String name, int inputs, FixedType inputType, int outputs, FixedType outputType,
    List<NeuronTable> neurons, List<String> covers) {

  public TruthTableLayer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    neurons = List.copyOf(neurons);
    covers = List.copyOf(covers);
    if (neurons.size() != outputs) {
      throw new IllegalArgumentException(name + ": " + outputs + " outputs but " + neurons.size() + " neuron tables");
    }
    for (int o = 0; o < outputs; o++) {
      NeuronTable table = neurons.get(o);
      if (table.neuron() != o || !table.inputType().equals(inputType) || !table.outputType().equals(outputType)) {
        throw new IllegalArgumentException(name + ": table " + o + " (" + table + ") does not fit the layer");
      }
      for (int source : table.sources()) {
        if (source < 0 || source >= inputs) {
          throw new IllegalArgumentException(name + ": neuron " + o + " reads input " + source + " of " + inputs);
        }
      }
    }
  }

  /** The raw outputs for the raw input vector {@code x}. */
  public long[] evaluate(long[] x) {
    long[] y = new long[outputs];
    for (int o = 0; o < outputs; o++) {
      y[o] = neurons.get(o).evaluate(x);
    }
    return y;
  }

  /** The largest fan-in times input width: the address bits of the widest table. */
  public int maxAddressBits() {
    return neurons.stream().mapToInt(NeuronTable::addressBits).max().orElse(0);
  }

  public int maxFanIn() {
    return neurons.stream().mapToInt(NeuronTable::fanIn).max().orElse(0);
  }

  @Override
  public String toString() {
    return "truth tables " + name + " " + inputs + " -> " + outputs + " x " + outputType + " (fan-in up to "
        + maxFanIn() + ", " + maxAddressBits() + " address bits; covers " + String.join(", ", covers) + ")";
  }
}
