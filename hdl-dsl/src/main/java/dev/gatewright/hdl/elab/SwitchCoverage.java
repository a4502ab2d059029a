package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.EnumType;
import dev.gatewright.hdl.HdlException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A switch must not name one value twice, and a switch over a hardware enum must give every state a
 * branch or have an {@code otherwise}: a state added to the enum later then fails here, at the switch,
 * instead of silently doing nothing.
 */
final class SwitchCoverage {

  private SwitchCoverage() {}

  static void check(Draft draft) {
    for (Draft.SwitchStatement statement : draft.switches) {
      Map<BigInteger, String> seen = new HashMap<>();
      for (Draft.Item item : statement.items) {
        for (int i = 0; i < item.labels().size(); i++) {
          String earlier = seen.putIfAbsent(item.labels().get(i), item.names().get(i));
          if (earlier != null) {
            throw new HdlException(statement.selectorName, item.location(), "switch on " + statement.selectorName
                + " has two branches for " + item.names().get(i));
          }
        }
      }
      EnumType<?> type = statement.enumType;
      if (statement.otherwise != null || statement.items.isEmpty()) {
        continue;
      }
      if (type == null) {
        int width = draft.graph.get(statement.selector).width();
        statement.lastItemIsDefault = width < 31 && seen.size() == 1L << width;
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (Enum<?> state : type.constants()) {
        if (!seen.containsKey(codeOf(type, state))) {
          missing.add(state.name());
        }
      }
      if (!missing.isEmpty()) {
        throw new HdlException(statement.selectorName, statement.location(), "switch on " + statement.selectorName
            + " (" + type + ") has no branch for " + String.join(", ", missing) + "; add is(" + missing.get(0)
            + ", ...) or otherwise(...)");
      }
      statement.lastItemIsDefault = true;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static BigInteger codeOf(EnumType<?> type, Enum<?> state) {
    return ((EnumType) type).code(state);
  }
}
