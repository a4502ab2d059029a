package dev.gatewright.cli;

import dev.gatewright.nn.hw.Summation;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --summation}: {@code adder-tree}, {@code compressor}, {@code compressor-shallow} (or with {@code _}). */
final class SummationConverter implements ITypeConverter<Summation> {

  @Override
  public Summation convert(String value) {
    String name = value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    for (Summation s : Summation.values()) {
      if (s.id().equals(name)) {
        return s;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a summation; expected "
        + Arrays.stream(Summation.values()).map(Summation::id).collect(Collectors.joining(", ")));
  }
}
