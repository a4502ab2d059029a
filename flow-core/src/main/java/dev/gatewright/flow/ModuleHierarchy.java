package dev.gatewright.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which modules a design's top instantiates, how often, and the order in which they can be
 * synthesized one by one (children before parents), as Yosys elaborates them.
 *
 * @param top the top module
 * @param children for each module under the top, its child modules and how many instances of each
 * @param rtlCells for each module, its cells after elaboration (operators, not gates): a size estimate
 */
public record ModuleHierarchy(String top, Map<String, Map<String, Long>> children, Map<String, Long> rtlCells) {

  /**
   * Clears the top mark before {@code stat -json}: below a top with three levels of hierarchy,
   * Yosys 0.23 prints its hierarchy summary into the JSON as plain text, which no parser reads.
   */
  static final String NO_TOP = "setattr -mod -unset top\n";

  public ModuleHierarchy {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    children.forEach((module, counts) -> copy.put(module, Collections.unmodifiableMap(new TreeMap<>(counts))));
    children = Collections.unmodifiableMap(copy);
    rtlCells = Collections.unmodifiableMap(new TreeMap<>(rtlCells));
    if (!children.containsKey(top)) {
      throw new FlowException("the hierarchy of " + top + " does not contain " + top);
    }
  }

  /** Elaborates the design with Yosys ({@code hierarchy -check}) in {@code folder}, logging to hierarchy.log. */
  public static ModuleHierarchy elaborate(Path folder, List<String> sources, String top, Duration timeout) {
    Yosys.run(folder, "hierarchy", Yosys.readSources(sources)
        + "hierarchy -check -top " + top + "\n"
        + NO_TOP
        + "tee -q -o hierarchy.json stat -json\n", timeout);
    return read(folder.resolve("hierarchy.json"), top);
  }

  /** Reads the per-module statistics of an elaborated design: cells whose type is a module are instances. */
  static ModuleHierarchy read(Path statsJson, String top) {
    JsonNode modules = YosysStats.parse(statsJson).path("modules");
    Set<String> names = new LinkedHashSet<>();
    modules.fieldNames().forEachRemaining(name -> names.add(unescape(name)));
    Map<String, Map<String, Long>> children = new TreeMap<>();
    Map<String, Long> rtlCells = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = modules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> module = it.next();
      Map<String, Long> counts = new TreeMap<>();
      module.getValue().path("num_cells_by_type").fields().forEachRemaining(cell -> {
        String type = unescape(cell.getKey());
        if (names.contains(type)) {
          counts.merge(type, cell.getValue().asLong(), Long::sum);
        }
      });
      children.put(unescape(module.getKey()), counts);
      rtlCells.put(unescape(module.getKey()), module.getValue().path("num_cells").asLong());
    }
    return new ModuleHierarchy(top, children, rtlCells);
  }

  private static String unescape(String name) {
    return name.startsWith("\\") ? name.substring(1) : name;
  }

  /** The modules, every child before the modules that instantiate it; the top comes last. */
  public List<String> bottomUp() {
    List<String> order = new ArrayList<>();
    visit(top, new LinkedHashSet<>(), order);
    return order;
  }

  private void visit(String module, Set<String> open, List<String> order) {
    if (order.contains(module)) {
      return;
    }
    if (!open.add(module)) {
      throw new FlowException("module " + module + " instantiates itself through " + open);
    }
    for (String child : children.getOrDefault(module, Map.of()).keySet()) {
      visit(child, open, order);
    }
    open.remove(module);
    order.add(module);
  }

  /** How many instances of each module the flattened design holds (the top once). */
  public Map<String, Long> instances() {
    Map<String, Long> count = new TreeMap<>();
    List<String> topDown = new ArrayList<>(bottomUp());
    Collections.reverse(topDown);
    count.put(top, 1L);
    for (String module : topDown) {
      long parents = count.getOrDefault(module, 0L);
      children.getOrDefault(module, Map.of())
          .forEach((child, n) -> count.merge(child, parents * n, Long::sum));
    }
    return count;
  }
}
