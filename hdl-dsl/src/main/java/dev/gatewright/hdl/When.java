package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Draft;

/**
 * A conditional block: {@code when(c, () -> ...).elseWhen(d, () -> ...).otherwise(() -> ...)}.
 * Assignments inside take effect only where the conditions hold; later ones win.
 */
public final class When {

  private final ModuleBuilder module;
  private final Draft.WhenStatement statement;

  When(ModuleBuilder module, Draft.WhenStatement statement) {
    this.module = module;
    this.statement = statement;
  }

  public When elseWhen(Bool condition, Runnable body) {
    module.addBranch(statement, condition, body, SourceLocation.capture(), false);
    return this;
  }

  public void otherwise(Runnable body) {
    module.addBranch(statement, null, body, SourceLocation.capture(), true);
  }
}
