package dev.gatewright.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --neurons}: {@code arithmetic}, {@code truth-table} (or {@code truth_table}), {@code auto}, in any case. */
final class NeuronStyleConverter implements ITypeConverter<NeuronStyle> {

  @Override
  public NeuronStyle convert(String value) {
    return SpelledOption.parse(NeuronStyle.class, value).orElseThrow(() ->
        new TypeConversionException("'" + value + "' is not a neuron style; expected "
        + String.join(", ", SpelledOption.all(NeuronStyle.class))));
  }
}
