package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.Identifiers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands out unique, legal SystemVerilog identifiers deterministically: the first request for a name
 * gets it unless it is already taken (a keyword gets a trailing underscore), later ones get {@code name_1},
 * {@code name_2}, ...
 */
final class NameAllocator {

  private final Set<String> taken;
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  NameAllocator(Set<String> reserved) {
    this(reserved, 0);
  }

  /** An allocator sized for about {@code expected} names (a large module's table then never grows). */
  NameAllocator(Set<String> reserved, int expected) {
    int names = SvKeywords.ALL.size() + reserved.size() + expected;
    taken = new HashSet<>(Math.max(16, (int) (names / 0.75f) + 1));
    taken.addAll(SvKeywords.ALL);
    taken.addAll(reserved);
  }

  String allocate(String wanted) {
    String base = sanitize(wanted);
    if (taken.add(base)) {
      return base;
    }
    if (SvKeywords.ALL.contains(base)) {
      base = base + "_";
      if (taken.add(base)) {
        return base;
      }
    }
    int suffix = nextSuffix.getOrDefault(base, 1);
    String candidate;
    do {
      candidate = base + "_" + suffix++;
    } while (!taken.add(candidate));
    nextSuffix.put(base, suffix);
    return candidate;
  }

  /** Whether {@code name} is handed out or reserved (keywords included). */
  boolean isTaken(String name) {
    return taken.contains(name);
  }

  private static String sanitize(String name) {
    if (Identifiers.isIdentifier(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }
}
