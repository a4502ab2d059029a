package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;

/**
 * Replaces every pure operation whose operands are all constants by its value (computed by {@link Eval},
 * the reference the simulators are tested against), a multiplexer with a constant select by the chosen
 * input, and a multiplexer whose inputs are one node by that node.
 */
final class ConstantFolding {

  private ConstantFolding() {}

  static void run(Graph graph, Rewrites rewrites) {
    int size = graph.size();
    for (int id = 0; id < size; id++) {
      Node node = graph.get(id);
      if (!node.op().isPure() || node.op() == Op.CONST || node.op() == Op.RESIZE || rewrites.isReplaced(id)) {
        continue;
      }
      boolean anyConstant = false;
      for (int i = 0; i < node.argCount() && !anyConstant; i++) {
        anyConstant = graph.get(rewrites.resolve(node.arg(i))).op() == Op.CONST;
      }
      if (!anyConstant && node.op() != Op.MUX) {
        continue;
      }
      int[] args = new int[node.argCount()];
      boolean allConstant = true;
      for (int i = 0; i < args.length; i++) {
        args[i] = rewrites.resolve(node.arg(i));
        allConstant &= graph.get(args[i]).op() == Op.CONST;
      }
      if (node.op() == Op.MUX) {
        Node select = graph.get(args[0]);
        if (select.op() == Op.CONST) {
          rewrites.replace(id, select.constant().signum() != 0 ? args[1] : args[2]);
          continue;
        }
        if (args[1] == args[2]) {
          rewrites.replace(id, args[1]);
          continue;
        }
      }
      if (allConstant) {
        BigInteger[] values = new BigInteger[args.length];
        int[] widths = new int[args.length];
        for (int i = 0; i < args.length; i++) {
          values[i] = graph.get(args[i]).constant();
          widths[i] = graph.get(args[i]).width();
        }
        BigInteger value = Eval.apply(node.withArgs(args), values, widths);
        rewrites.replace(id, graph.constant(node.type(), value));
      }
    }
  }
}
