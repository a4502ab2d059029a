package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Replaces every pure operation whose operands are all constants by its value (computed by {@link Eval},
 * the reference the simulators are tested against), a multiplexer with a constant select by the chosen
 * input, and a multiplexer whose inputs are one node by that node. Operands are folded before their
 * readers (lowering appends nodes that earlier nodes read), so a chain of constants folds in one pass.
 */
final class ConstantFolding {

  private final Graph graph;
  private final Rewrites rewrites;
  private final BitSet done;
  private int[] stack = new int[64];

  private ConstantFolding(Graph graph, Rewrites rewrites) {
    this.graph = graph;
    this.rewrites = rewrites;
    this.done = new BitSet(graph.size());
  }

  static void run(Graph graph, Rewrites rewrites) {
    ConstantFolding folding = new ConstantFolding(graph, rewrites);
    int size = graph.size();
    for (int id = 0; id < size; id++) {
      folding.visit(id);
    }
  }

  /** Folds {@code root} after every pure operand it reads (iteratively: chains can be deep). */
  private void visit(int root) {
    int top = 0;
    stack[top++] = root;
    while (top > 0) {
      int id = stack[top - 1];
      if (done.get(id)) {
        top--;
        continue;
      }
      Node node = graph.get(id);
      boolean ready = true;
      if (foldable(node, id)) {
        for (int i = 0; i < node.argCount(); i++) {
          int arg = rewrites.resolve(node.arg(i));
          if (!done.get(arg)) {
            ready = false;
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, top * 2);
            }
            stack[top++] = arg;
          }
        }
      }
      if (ready) {
        top--;
        done.set(id);
        if (foldable(node, id)) {
          fold(node, id);
        }
      }
    }
  }

  private boolean foldable(Node node, int id) {
    return node.op().isPure() && node.op() != Op.CONST && node.op() != Op.RESIZE && !rewrites.isReplaced(id);
  }

  private void fold(Node node, int id) {
    boolean anyConstant = false;
    for (int i = 0; i < node.argCount() && !anyConstant; i++) {
      anyConstant = graph.get(rewrites.resolve(node.arg(i))).op() == Op.CONST;
    }
    if (!anyConstant && node.op() != Op.MUX) {
      return;
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
        return;
      }
      if (args[1] == args[2]) {
        rewrites.replace(id, args[1]);
        return;
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
      int constant = graph.constant(node.type(), value);
      done.set(constant);
      rewrites.replace(id, constant);
    }
  }
}
