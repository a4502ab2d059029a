package dev.gatewright.hdl;

/**
 * A conditional block: {@code when(c, () -> ...).elseWhen(d, () -> ...).otherwise(() -> ...)}.
 * Assignments inside take effect only where the conditions hold; later ones win.
 */
public final class When {

  private final ModuleBuilder module;
  private final ModuleBuilder.WhenStatement statement;

  When(ModuleBuilder module, ModuleBuilder.WhenStatement statement) {
    this.module = module;
    this.statement = statement;
  }

  public When elseWhen(Signal condition, Runnable body) {
    module.addBranch(statement, condition, body);
    return this;
  }

  public void otherwise(Runnable body) {
    module.addBranch(statement, null, body);
  }
}
