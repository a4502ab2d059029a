package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlException;

/**
 * Every output, wire and instance input has a driver, on every path: a combinational signal left
 * unassigned on some path would infer a latch. A register needs an assignment or a reset value.
 */
final class DrivenRule {

  private DrivenRule() {}

  /** {@code start} is what a register holds where it is not assigned (its own value or element). */
  static void check(Target target, Fold fold, Fold start, String prefix) {
    if (target.isRegister()) {
      if (fold.equals(start) && target.init == null) {
        throw new HdlException(target.name, target.location, prefix + "register '" + target.name
            + "' is never assigned and has no reset value");
      }
      return;
    }
    if (fold == Fold.UNDRIVEN) {
      throw new HdlException(target.name, target.location, prefix + target.describe() + " has no driver");
    }
    String missing = undrivenPath(fold);
    if (missing != null) {
      throw new HdlException(target.name, target.location, "combinational " + prefix + "signal '" + target.name
          + "' is not assigned on every path, so it would infer a latch: it has no value " + missing);
    }
  }

  /** A description of a path with no assignment, or null when every path has one. */
  private static String undrivenPath(Fold fold) {
    if (fold == Fold.UNDRIVEN) {
      return "";
    }
    if (fold instanceof Fold.Choice choice) {
      String inTrue = undrivenPath(choice.whenTrue());
      if (inTrue != null) {
        return "when the condition at " + choice.at() + " holds" + (inTrue.isEmpty() ? "" : ", " + inTrue);
      }
      String inFalse = undrivenPath(choice.whenFalse());
      if (inFalse != null) {
        return "when the condition at " + choice.at() + " does not hold" + (inFalse.isEmpty() ? "" : ", " + inFalse);
      }
    }
    return null;
  }
}
