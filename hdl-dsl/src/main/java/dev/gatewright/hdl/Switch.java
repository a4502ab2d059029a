package dev.gatewright.hdl;

import java.math.BigInteger;

/**
 * {@code switchOn(state).is(IDLE, () -> ...).is(RUN, () -> ...).otherwise(() -> ...)}: a when chain
 * comparing one value with constants.
 */
public final class Switch {

  private final ModuleBuilder module;
  private final Signal selector;
  private When chain;

  Switch(ModuleBuilder module, Signal selector) {
    this.module = module;
    this.selector = selector;
  }

  public Switch is(long value, Runnable body) {
    return is(module.constantOf(selector.type(), BigInteger.valueOf(value)), body);
  }

  public Switch is(Signal value, Runnable body) {
    Signal condition = selector.eq(value);
    if (chain == null) {
      chain = module.when(condition, body);
    } else {
      chain.elseWhen(condition, body);
    }
    return this;
  }

  public void otherwise(Runnable body) {
    if (chain == null) {
      body.run();
    } else {
      chain.otherwise(body);
    }
  }
}
