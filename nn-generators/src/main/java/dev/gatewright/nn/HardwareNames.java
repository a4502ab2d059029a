package dev.gatewright.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a network's names become hardware names: the network's name is its top module's, each layer's
 * name is part of its module's and instance's ({@code dense_fc1}, {@code u_fc1}). Characters other than
 * letters, digits and {@code _} become {@code _}; so a network name must start with a letter or {@code
 * _}, and no two layers may differ only in such characters ({@code fc-1} and {@code fc_1}).
 */
public final class HardwareNames {

  private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private HardwareNames() {}

  /** The identifier made from {@code name}: every character but letters, digits and {@code _} becomes {@code _}. */
  public static String identifier(String name) {
    return name.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** Why {@code name} cannot name a network's top module; null if it can. */
  public static String networkNameProblem(String name) {
    if (name.isEmpty()) {
      return "a network needs a name (it names the top module), not an empty string";
    }
    if (!MODULE_NAME.matcher(identifier(name)).matches()) {
      return "network name '" + name + "' must start with a letter or _ (it names the top module)";
    }
    return null;
  }

  /**
   * The first pair of layer names that become the same hardware name, as "the layer names 'fc-1' and
   * 'fc_1' both become fc_1 in hardware", with the index of the second; null when there is none.
   */
  public static Collision firstCollision(List<String> layerNames) {
    Map<String, Integer> seen = new HashMap<>();
    for (int k = 0; k < layerNames.size(); k++) {
      String name = layerNames.get(k);
      if (name.isEmpty()) {
        return new Collision(k, "a layer needs a name, not an empty string");
      }
      Integer earlier = seen.putIfAbsent(identifier(name), k);
      if (earlier != null) {
        return new Collision(k, layerNames.get(earlier).equals(name) ? "two layers are named " + name
            : "the layer names '" + layerNames.get(earlier) + "' (layer " + earlier + ") and '" + name
                + "' both become " + identifier(name) + " in hardware; rename one");
      }
    }
    return null;
  }

  /** A legal module name for a network: its identifier, {@code network} for none, prefixed when it starts with a digit. */
  public static String moduleName(String networkName) {
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
  public static List<String> uniqueIdentifiers(List<String> names) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (String name : names) {
      taken.add(identifier(name));
    }
    java.util.Set<String> given = new java.util.HashSet<>();
    List<String> result = new java.util.ArrayList<>(names.size());
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

  /** Layer {@code index} (0-based) cannot be named as it is; {@code message} says why. */
  public record Collision(int index, String message) {}
}
