package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlException;
import dev.gatewright.hdl.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * Two drivers: a target assigned twice outside any {@code when} (to give one priority, the user puts it
 * in a when, where the last assignment wins), and a vec assigned both as a whole and element by element.
 */
final class DriverRules {

  private DriverRules() {}

  static void check(Draft draft) {
    Map<Long, SourceLocation> unconditional = new HashMap<>();
    SourceLocation[] whole = new SourceLocation[draft.targets.size()];
    SourceLocation[] elementwise = new SourceLocation[draft.targets.size()];
    visit(draft.root, true, unconditional, whole, elementwise);
  }

  private static void visit(Draft.Block block, boolean atRoot, Map<Long, SourceLocation> unconditional,
      SourceLocation[] whole, SourceLocation[] elementwise) {
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.Assignment assign) {
        Target t = assign.target();
        String what = "'" + t.name + (assign.element() >= 0 ? "[" + assign.element() + "]" : "") + "'";
        if (assign.element() < 0) {
          if (elementwise[t.index] != null) {
            throw new HdlException(t.name, assign.location(), what + " has two drivers: it is assigned element by "
                + "element (at " + elementwise[t.index] + ") and as a whole here");
          }
          whole[t.index] = whole[t.index] == null ? assign.location() : whole[t.index];
        } else {
          if (whole[t.index] != null) {
            throw new HdlException(t.name, assign.location(), "'" + t.name + "' has two drivers: it is assigned as a "
                + "whole (at " + whole[t.index] + ") and element by element here");
          }
          elementwise[t.index] = elementwise[t.index] == null ? assign.location() : elementwise[t.index];
        }
        if (atRoot) {
          long key = ((long) t.index << 32) | (assign.element() + 1L);
          SourceLocation earlier = unconditional.putIfAbsent(key, assign.location());
          if (earlier != null) {
            throw new HdlException(t.name, assign.location(), what + " has two drivers: it is already assigned at "
                + earlier + "; to give one priority, put it in a when (the last assignment wins)");
          }
        }
      } else if (statement instanceof Draft.WhenStatement when) {
        for (Draft.Branch branch : when.branches) {
          visit(branch.body(), false, unconditional, whole, elementwise);
        }
      } else if (statement instanceof Draft.SwitchStatement choice) {
        for (Draft.Item item : choice.items) {
          visit(item.body(), false, unconditional, whole, elementwise);
        }
        if (choice.otherwise != null) {
          visit(choice.otherwise, false, unconditional, whole, elementwise);
        }
      }
    }
  }
}
