package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Draft;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switchOn(state).is(IDLE, () -> ...).is(RUN, () -> ...)}: a switch over a hardware enum.
 * Elaboration rejects one that leaves a state without a branch and has no {@link #otherwise}, naming
 * the states and the switch's line.
 */
public final class EnumSwitch<E extends Enum<E>> {

  private final ModuleBuilder module;
  private final Draft.SwitchStatement statement;
  private final EnumType<E> type;

  EnumSwitch(ModuleBuilder module, Draft.SwitchStatement statement, EnumType<E> type) {
    this.module = module;
    this.statement = statement;
    this.type = type;
  }

  public EnumSwitch<E> is(E state, Runnable body) {
    return add(List.of(state), body);
  }

  /** One branch for two states. */
  public EnumSwitch<E> is(E first, E second, Runnable body) {
    return add(List.of(first, second), body);
  }

  private EnumSwitch<E> add(List<E> states, Runnable body) {
    SourceLocation at = SourceLocation.capture();
    List<BigInteger> labels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (E state : states) {
      labels.add(type.code(state));
      names.add(state.name());
    }
    module.addItem(statement, labels, names, body, at);
    return this;
  }

  /** The branch for every state without one of its own. */
  public void otherwise(Runnable body) {
    module.addOtherwise(statement, body, SourceLocation.capture());
  }
}
