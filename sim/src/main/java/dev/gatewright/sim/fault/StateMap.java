package dev.gatewright.sim.fault;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The state a design holds, named as the simulators name it: every named register and every memory of
 * the flattened hierarchy, by path ({@code u_layer.acc} is register {@code acc} of instance
 * {@code u_layer}), the top's first, then each instance's in order. Computed from the IR, so it is the
 * same for every engine and for the instrumented copy of a design ({@link FaultInstrumentation}).
 */
public final class StateMap {

  /** A register: its path and width. */
  public record Register(String name, int width) {}

  /** A memory: its path, words and bits per word. */
  public record Memory(String name, int depth, int width) {
    public long bits() {
      return (long) depth * width;
    }
  }

  private final String design;
  private final List<Register> registers;
  private final Map<String, Register> byName;
  private final List<Memory> memories;
  private final Map<String, Memory> memoriesByName;

  private StateMap(String design, List<Register> registers, List<Memory> memories) {
    this.design = design;
    this.registers = Collections.unmodifiableList(registers);
    this.memories = Collections.unmodifiableList(memories);
    Map<String, Register> names = new LinkedHashMap<>();
    registers.forEach(r -> names.put(r.name(), r));
    this.byName = Collections.unmodifiableMap(names);
    Map<String, Memory> memoryNames = new LinkedHashMap<>();
    memories.forEach(m -> memoryNames.put(m.name(), m));
    this.memoriesByName = Collections.unmodifiableMap(memoryNames);
  }

  public static StateMap of(Component<?> design) {
    List<Register> registers = new ArrayList<>();
    List<Memory> memories = new ArrayList<>();
    walk(design, "", registers, memories);
    return new StateMap(design.name(), registers, memories);
  }

  private static void walk(Component<?> module, String prefix, List<Register> registers, List<Memory> memories) {
    for (Node node : module.nodes()) {
      if (node.op() == Op.REG && node.name() != null) {
        registers.add(new Register(prefix + node.name(), node.width()));
      }
    }
    for (MemoryDef memory : module.memories()) {
      memories.add(new Memory(prefix + memory.name(), memory.depth(), memory.type().width()));
    }
    for (InstanceDef instance : module.instances()) {
      walk(instance.child(), prefix + instance.name() + ".", registers, memories);
    }
  }

  public String design() {
    return design;
  }

  public List<Register> registers() {
    return registers;
  }

  public List<Memory> memories() {
    return memories;
  }

  /** The register called {@code name}; a clear error naming some registers when there is none. */
  public Register register(String name) {
    Register register = byName.get(name);
    if (register == null) {
      throw new IllegalArgumentException("design " + design + " has no register '" + name + "'; "
          + some(byName.keySet()));
    }
    return register;
  }

  public Memory memory(String name) {
    Memory memory = memoriesByName.get(name);
    if (memory == null) {
      throw new IllegalArgumentException("design " + design + " has no memory '" + name + "'; "
          + some(memoriesByName.keySet()));
    }
    return memory;
  }

  /** The registers whose path {@code filter} accepts, in order. */
  public List<Register> registers(Predicate<String> filter) {
    return registers.stream().filter(r -> filter.test(r.name())).toList();
  }

  /** Register bits in all. */
  public long registerBits() {
    return registers.stream().mapToLong(Register::width).sum();
  }

  private static String some(java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return "it has none";
    }
    List<String> first = names.stream().limit(12).toList();
    return "it has " + String.join(", ", first) + (names.size() > first.size() ? ", ... (" + names.size() + " in all)" : "");
  }
}
