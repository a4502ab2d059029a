package dev.gatewright.nn.imports;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.InputEncoding;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.OutputDecoding;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model brought into gatewright: the integer {@link Network} the hardware computes — which keeps how the
 * model's input values become its raw inputs ({@link #input()}) and how its raw outputs become the model's
 * output values ({@link #output()}) — and the notes of what the import folded, dropped or approximated.
 */
public record ImportedModel(Path source, Network network, List<String> notes) {

  public ImportedModel {
    Objects.requireNonNull(network, "network");
    notes = List.copyOf(notes);
  }

  /** How the model's input values become the network's raw inputs: {@link Network#inputEncoding()}. */
  public InputEncoding input() {
    return network.inputEncoding();
  }

  /** How the network's raw outputs become the model's output values: {@link Network#outputDecoding()}. */
  public OutputDecoding output() {
    return network.outputDecoding();
  }

  /** The model's output values for the model's input values, computed by the golden model. */
  public double[] infer(GoldenModel golden, double[] values) {
    return output().decode(golden.infer(input().encode(values)));
  }
}
