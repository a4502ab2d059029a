package dev.gatewright.cli;

import dev.gatewright.nn.lut.LutOptions;
import java.util.Optional;

/** {@code --neurons}: how the dense layers of a network are built. */
enum NeuronStyle {
  /** Adder arithmetic for every layer: the usual fully parallel or time-shared generators. */
  ARITHMETIC,
  /** Every dense layer that fits a truth table (LogicNets style), the others as arithmetic. */
  TRUTH_TABLE,
  /** Truth tables where the cost model says they take fewer LUTs than the arithmetic. */
  AUTO;

  /** The truth-table policy, empty for {@link #ARITHMETIC} (which builds no plan of tables at all). */
  Optional<LutOptions.Policy> policy() {
    return switch (this) {
      case ARITHMETIC -> Optional.empty();
      case TRUTH_TABLE -> Optional.of(LutOptions.Policy.TABLES);
      case AUTO -> Optional.of(LutOptions.Policy.AUTO);
    };
  }

  /** The style as options spell it: {@code truth-table}. */
  String spelled() {
    return SpelledOption.spelled(this);
  }
}
