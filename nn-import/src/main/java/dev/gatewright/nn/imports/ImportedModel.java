package dev.gatewright.nn.imports;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model brought into gatewright: the integer {@link Network} the hardware computes, how the model's input
 * values become its raw inputs ({@link InputEncoding}), how its raw outputs become the model's output values
 * ({@link OutputDecoding}), and the notes of what the import folded, dropped or approximated.
 */
public record ImportedModel(Path source, Network network, InputEncoding input, OutputDecoding output,
    List<String> notes) {

  public ImportedModel {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    notes = List.copyOf(notes);
  }

  /** The model's output values for the model's input values, computed by the golden model. */
  public double[] infer(GoldenModel golden, double[] values) {
    return output.decode(golden.infer(input.encode(values)));
  }
}
