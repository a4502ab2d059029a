package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates a flat combinational module straight from its IR with {@link Eval}: the reference the engine is checked against. */
final class CombinationalReference {

  private final Component<?> module;
  private final int[] order;

  CombinationalReference(Component<?> module) {
    if (!module.instances().isEmpty() || !module.memories().isEmpty()) {
      throw new IllegalArgumentException("only flat combinational modules");
    }
    this.module = module;
    this.order = module.combinationalOrder();
  }

  /** Output values (raw bits) for input values (raw bits), by port name. */
  Map<String, BigInteger> evaluate(Map<String, BigInteger> inputs) {
    BigInteger[] values = new BigInteger[module.nodes().size()];
    for (int id : order) {
      Node node = module.node(id);
      if (node.op() == Op.INPUT) {
        values[id] = Eval.toBits(inputs.get(node.name()), node.width());
        continue;
      }
      if (node.op() == Op.REG) {
        throw new IllegalArgumentException("not combinational: " + node);
      }
      BigInteger[] args = new BigInteger[node.argCount()];
      int[] widths = new int[node.argCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = values[node.arg(i)];
        widths[i] = module.node(node.arg(i)).width();
      }
      values[id] = Eval.apply(node, args, widths);
    }
    Map<String, BigInteger> outputs = new LinkedHashMap<>();
    for (Port port : module.outputs()) {
      outputs.put(port.name(), values[port.node()]);
    }
    return outputs;
  }
}
