package dev.gatewright.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --neurons}: {@code arithmetic}, {@code truth-table} (or {@code truth_table}), {@code auto}, in any case. */
final class NeuronStyleConverter implements ITypeConverter<NeuronStyle> {

  @Override
  public NeuronStyle convert(String value) {
    String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (NeuronStyle style : NeuronStyle.values()) {
      if (style.name().equals(name)) {
        return style;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a neuron style; expected "
        + Arrays.stream(NeuronStyle.values()).map(NeuronStyle::spelled).collect(Collectors.joining(", ")));
  }
}
