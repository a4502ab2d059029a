package dev.gatewright.cli;

import dev.gatewright.nn.hw.MultiplierStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --multiplier}: {@code adder-graph} (or {@code adder_graph}), {@code csd}, {@code dsp}, in any case. */
final class MultiplierStyleConverter implements ITypeConverter<MultiplierStyle> {

  @Override
  public MultiplierStyle convert(String value) {
    return SpelledOption.parse(MultiplierStyle.class, value).orElseThrow(() ->
        new TypeConversionException("'" + value + "' is not a multiplier style; expected adder-graph, csd or dsp"));
  }

  /** The style as options spell it. */
  static String spelled(MultiplierStyle style) {
    return SpelledOption.spelled(style);
  }
}
