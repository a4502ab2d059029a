package dev.gatewright.sim;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Register bits and memory words of a design, every instance counted: a bound on how long a pipeline
 * without feedback can hold a value, used where no latency is declared.
 */
final class Storage {

  private Storage() {}

  static long of(Component<?> design) {
    return of(design, new IdentityHashMap<>());
  }

  private static long of(Component<?> component, Map<Component<?>, Long> known) {
    Long done = known.get(component);
    if (done != null) {
      return done;
    }
    long total = 0;
    for (Node node : component.nodes()) {
      if (node.op() == Op.REG) {
        total += node.width();
      }
    }
    for (MemoryDef memory : component.memories()) {
      total += memory.depth();
    }
    for (InstanceDef instance : component.instances()) {
      total += of(instance.child(), known);
    }
    known.put(component, total);
    return total;
  }
}
