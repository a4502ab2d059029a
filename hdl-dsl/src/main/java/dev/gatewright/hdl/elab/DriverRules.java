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

  private final SourceLocation[] unconditionalWhole;
  private final Map<Long, SourceLocation> unconditionalElement = new HashMap<>();
  private final SourceLocation[] whole;
  private final SourceLocation[] elementwise;

  private DriverRules(int targets) {
    unconditionalWhole = new SourceLocation[targets];
    whole = new SourceLocation[targets];
    elementwise = new SourceLocation[targets];
  }

  static void check(Draft draft) {
    new DriverRules(draft.targets.size()).visit(draft.root, true);
  }

  private void visit(Draft.Block block, boolean atRoot) {
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.Assignment assign) {
        check(assign, atRoot);
      } else if (statement instanceof Draft.WhenStatement when) {
        for (Draft.Branch branch : when.branches) {
          visit(branch.body(), false);
        }
      } else if (statement instanceof Draft.SwitchStatement choice) {
        for (Draft.Item item : choice.items) {
          visit(item.body(), false);
        }
        if (choice.otherwise != null) {
          visit(choice.otherwise, false);
        }
      }
    }
  }

  /** Where an assignment was; a first assignment's line is not kept, so it reads "earlier". */
  private static String at(SourceLocation earlier) {
    return earlier == UNRECORDED ? "earlier" : "at " + earlier;
  }

  private static final SourceLocation UNRECORDED = new SourceLocation("<earlier>", 0);

  private static SourceLocation located(Draft.Assignment assign) {
    return assign.location() == null ? UNRECORDED : assign.location();
  }

  private static String what(Draft.Assignment assign) {
    return "'" + assign.target().name + (assign.element() >= 0 ? "[" + assign.element() + "]" : "") + "'";
  }

  private void check(Draft.Assignment assign, boolean atRoot) {
    Target t = assign.target();
    int e = assign.element();
    if (e < 0) {
      if (elementwise[t.index] != null) {
        throw new HdlException(t.name, assign.location(), what(assign) + " has two drivers: it is assigned element by element "
            + at(elementwise[t.index]) + " and as a whole here");
      }
      if (whole[t.index] == null) {
        whole[t.index] = located(assign);
      }
    } else {
      if (whole[t.index] != null) {
        throw new HdlException(t.name, assign.location(), "'" + t.name + "' has two drivers: it is assigned as a whole "
            + at(whole[t.index]) + " and element by element here");
      }
      if (elementwise[t.index] == null) {
        elementwise[t.index] = located(assign);
      }
    }
    if (!atRoot) {
      return;
    }
    SourceLocation earlier;
    if (e < 0) {
      earlier = unconditionalWhole[t.index];
      if (earlier == null) {
        unconditionalWhole[t.index] = located(assign);
      }
    } else {
      earlier = unconditionalElement.putIfAbsent(((long) t.index << 32) | e, located(assign));
    }
    if (earlier != null) {
      throw new HdlException(t.name, assign.location(), what(assign) + " has two drivers: it is already assigned "
          + at(earlier) + "; to give one priority, put it in a when (the last assignment wins)");
    }
  }
}
