package dev.gatewright.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How options spell enum constants: lower case with hyphens ({@code adder-graph}); read back in any case, with
 * hyphens or underscores.
 */
final class SpelledOption {

  private SpelledOption() {}

  /** {@code constant} as options spell it. */
  static String spelled(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} that {@code value} spells, if any. */
  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
  }

  /** Every constant of {@code type} as spelled. */
  static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SpelledOption::spelled).toList();
  }
}
