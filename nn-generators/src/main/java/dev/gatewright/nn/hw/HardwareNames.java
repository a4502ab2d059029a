package dev.gatewright.nn.hw;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Legal identifiers for the modules, instances and ports made from a network's and its layers' names. */
final class HardwareNames {

  private HardwareNames() {}

  /** {@code name} with every character that may not stand in an identifier replaced by {@code _}. */
  static String identifier(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    return out.toString();
  }

  /** A legal module name for a network: its identifier, {@code network} for none, prefixed when it starts with a digit. */
  static String moduleName(String networkName) {
    String id = identifier(networkName);
    if (id.isEmpty()) {
      return "network";
    }
    return Character.isDigit(id.charAt(0)) ? "net_" + id : id;
  }

  /**
   * One identifier per name, unique among them: a name whose identifier an earlier one already took
   * gets {@code _1}, {@code _2}, ... (layer names {@code a-b} and {@code a_b} become {@code a_b} and
   * {@code a_b_1}).
   */
  static List<String> uniqueIdentifiers(List<String> names) {
    Set<String> taken = new HashSet<>();
    for (String name : names) {
      taken.add(identifier(name));
    }
    Set<String> given = new HashSet<>();
    List<String> result = new ArrayList<>(names.size());
    for (String name : names) {
      String id = identifier(name);
      if (!given.add(id)) {
        int suffix = 1;
        while (taken.contains(id + "_" + suffix) || given.contains(id + "_" + suffix)) {
          suffix++;
        }
        id = id + "_" + suffix;
        given.add(id);
      }
      result.add(id);
    }
    return result;
  }
}
