package dev.gatewright.cli;

import dev.gatewright.nn.hw.Summation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --summation}: {@code adder-tree}, {@code compressor}, {@code compressor-shallow} (or with {@code _}). */
final class SummationConverter implements ITypeConverter<Summation> {

  @Override
  public Summation convert(String value) {
    return SpelledOption.parse(Summation.class, value).orElseThrow(() ->
        new TypeConversionException("'" + value + "' is not a summation; expected "
        + String.join(", ", SpelledOption.all(Summation.class))));
  }
}
