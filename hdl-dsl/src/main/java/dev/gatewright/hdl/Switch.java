package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Draft;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switchOn(opcode).is(0, () -> ...).is(1, 2, () -> ...).otherwise(() -> ...)}: the first item
 * whose constant equals the selector runs. Emitted as a SystemVerilog {@code case}.
 */
public final class Switch {

  private final ModuleBuilder module;
  private final Draft.SwitchStatement statement;
  private final IntSignal selector;

  Switch(ModuleBuilder module, Draft.SwitchStatement statement, IntSignal selector) {
    this.module = module;
    this.statement = statement;
    this.selector = selector;
  }

  public Switch is(long value, Runnable body) {
    return is(new long[] {value}, body);
  }

  public Switch is(long first, long second, Runnable body) {
    return is(new long[] {first, second}, body);
  }

  /** One branch for several values. */
  public Switch is(long[] values, Runnable body) {
    SourceLocation at = SourceLocation.capture();
    List<BigInteger> labels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (long value : values) {
      labels.add(Expressions.rawBits(selector.type, BigInteger.valueOf(value)));
      names.add(Long.toString(value));
    }
    module.addItem(statement, labels, names, body, at);
    return this;
  }

  public void otherwise(Runnable body) {
    module.addOtherwise(statement, body, SourceLocation.capture());
  }
}
