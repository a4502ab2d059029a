package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.BoolType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.VecType;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every target its driver: last-connect semantics over {@code when} and {@code switchOn} become
 * multiplexer trees (a register that is not assigned on a path keeps its value), and memory writes get
 * the enable their enclosing conditions imply. Targets assigned once, outside any condition, take that
 * value directly.
 */
final class WhenLowering {

  private final Draft draft;
  private final Graph graph;
  private final boolean[] conditional;
  private final int[] rootValue;
  private final Map<Draft.Block, Map<Long, List<Draft.Statement>>> relevant = new HashMap<>();
  private final Map<Draft.SwitchStatement, int[]> itemConditions = new HashMap<>();

  private WhenLowering(Draft draft) {
    this.draft = draft;
    this.graph = draft.graph;
    this.conditional = new boolean[draft.targets.size()];
    this.rootValue = new int[draft.targets.size()];
    java.util.Arrays.fill(rootValue, -1);
  }

  /** Sets every target's driver in the draft's graph; returns each memory's write ports. */
  static List<List<MemoryDef.WritePort>> lower(Draft draft) {
    WhenLowering lowering = new WhenLowering(draft);
    lowering.scanRoot();
    lowering.index(draft.root);
    for (Target target : draft.targets) {
      lowering.resolve(target);
    }
    return lowering.memoryWrites();
  }

  /** Which targets are assigned conditionally (inside a when or switch). */
  static boolean[] conditionalTargets(Draft draft) {
    boolean[] result = new boolean[draft.targets.size()];
    for (Draft.Statement statement : draft.root.statements) {
      if (!(statement instanceof Draft.Assignment)) {
        markInside(statement, result);
      }
    }
    return result;
  }

  private static void markInside(Draft.Statement statement, boolean[] marks) {
    if (statement instanceof Draft.Assignment assign) {
      marks[assign.target().index] = true;
    } else if (statement instanceof Draft.WhenStatement when) {
      for (Draft.Branch branch : when.branches) {
        branch.body().statements.forEach(s -> markInside(s, marks));
      }
    } else if (statement instanceof Draft.SwitchStatement choice) {
      for (Draft.Item item : choice.items) {
        item.body().statements.forEach(s -> markInside(s, marks));
      }
      if (choice.otherwise != null) {
        choice.otherwise.statements.forEach(s -> markInside(s, marks));
      }
    }
  }

  private void scanRoot() {
    boolean[] marks = conditionalTargets(draft);
    System.arraycopy(marks, 0, conditional, 0, marks.length);
    for (Draft.Statement statement : draft.root.statements) {
      if (statement instanceof Draft.Assignment assign && assign.element() < 0) {
        rootValue[assign.target().index] = assign.value();
      }
    }
  }

  private static long key(Target target, int element) {
    return ((long) target.index << 32) | (element + 1L);
  }

  /** For every block, the statements that assign each target key, directly or in nested statements. */
  private Set<Long> index(Draft.Block block) {
    Map<Long, List<Draft.Statement>> map = new HashMap<>();
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.Assignment assign) {
        Target t = assign.target();
        if (block == draft.root && assign.element() < 0 && !conditional[t.index]) {
          continue;
        }
        map.computeIfAbsent(key(t, assign.element()), k -> new ArrayList<>(1)).add(assign);
      } else if (statement instanceof Draft.WhenStatement when) {
        Set<Long> inside = new LinkedHashSet<>();
        for (Draft.Branch branch : when.branches) {
          inside.addAll(index(branch.body()));
        }
        for (Long k : inside) {
          map.computeIfAbsent(k, x -> new ArrayList<>(1)).add(when);
        }
      } else if (statement instanceof Draft.SwitchStatement choice) {
        Set<Long> inside = new LinkedHashSet<>();
        for (Draft.Item item : choice.items) {
          inside.addAll(index(item.body()));
        }
        if (choice.otherwise != null) {
          inside.addAll(index(choice.otherwise));
        }
        for (Long k : inside) {
          map.computeIfAbsent(k, x -> new ArrayList<>(1)).add(choice);
        }
      }
    }
    if (!map.isEmpty()) {
      relevant.put(block, map);
    }
    return map.keySet();
  }

  private void resolve(Target t) {
    Node placeholder = graph.get(t.node);
    int driver;
    if (t.type instanceof VecType<?> vec && hasElementAssignments(t, vec.size())) {
      int w = vec.element().width();
      int[] elements = new int[vec.size()];
      for (int e = 0; e < vec.size(); e++) {
        Fold start = t.isRegister()
            ? new Fold.Value(graph.add(Node.slice(vec.element(), t.node, (e + 1) * w - 1, e * w)))
            : Fold.UNDRIVEN;
        Fold folded = fold(draft.root, key(t, e), start);
        DrivenRule.check(t, folded, start, "element " + e + " of ");
        elements[vec.size() - 1 - e] = materialize(folded);
      }
      driver = graph.add(Node.operation(Op.CAT, vec, elements));
    } else if (!conditional[t.index] && rootValue[t.index] >= 0) {
      driver = rootValue[t.index];
    } else {
      Fold start = t.isRegister() ? new Fold.Value(t.node) : Fold.UNDRIVEN;
      Fold folded = fold(draft.root, key(t, -1), start);
      DrivenRule.check(t, folded, start, "");
      driver = materialize(folded);
    }
    int[] args = t.isRegister() && t.enable >= 0 ? new int[] {driver, t.enable} : new int[] {driver};
    graph.set(t.node, placeholder.drive(args, t.init));
  }

  private boolean hasElementAssignments(Target t, int size) {
    Map<Long, List<Draft.Statement>> root = relevant.get(draft.root);
    if (root == null) {
      return false;
    }
    for (int e = 0; e < size; e++) {
      if (root.containsKey(key(t, e))) {
        return true;
      }
    }
    return false;
  }

  private Fold fold(Draft.Block block, long key, Fold previous) {
    Map<Long, List<Draft.Statement>> map = relevant.get(block);
    List<Draft.Statement> statements = map == null ? null : map.get(key);
    if (statements == null) {
      return previous;
    }
    Fold value = previous;
    for (Draft.Statement statement : statements) {
      if (statement instanceof Draft.Assignment assign) {
        value = new Fold.Value(assign.value());
      } else if (statement instanceof Draft.WhenStatement when) {
        value = foldWhen(when, key, value);
      } else {
        value = foldSwitch((Draft.SwitchStatement) statement, key, value);
      }
    }
    return value;
  }

  private Fold foldWhen(Draft.WhenStatement when, long key, Fold previous) {
    List<Draft.Branch> branches = when.branches;
    Fold result = previous;
    int last = branches.size() - 1;
    if (branches.get(last).condition() < 0) {
      result = fold(branches.get(last).body(), key, previous);
      last--;
    }
    for (int i = last; i >= 0; i--) {
      Draft.Branch branch = branches.get(i);
      Fold taken = fold(branch.body(), key, previous);
      result = taken.equals(result) ? taken : new Fold.Choice(branch.condition(), taken, result, branch.location());
    }
    return result;
  }

  private Fold foldSwitch(Draft.SwitchStatement choice, long key, Fold previous) {
    int[] conditions = conditionsOf(choice);
    Fold result = choice.otherwise == null ? previous : fold(choice.otherwise, key, previous);
    for (int i = choice.items.size() - 1; i >= 0; i--) {
      Draft.Item item = choice.items.get(i);
      Fold taken = fold(item.body(), key, previous);
      if (i == choice.items.size() - 1 && choice.lastItemIsDefault) {
        result = taken;
        continue;
      }
      result = taken.equals(result) ? taken : new Fold.Choice(conditions[i], taken, result, item.location());
    }
    return result;
  }

  /** For each item of a switch, the bool node that says the selector equals one of its labels. */
  int[] conditionsOf(Draft.SwitchStatement choice) {
    return itemConditions.computeIfAbsent(choice, c -> {
      HdlType<?> type = graph.get(c.selector).type();
      int[] result = new int[c.items.size()];
      for (int i = 0; i < result.length; i++) {
        int condition = -1;
        for (BigInteger label : c.items.get(i).labels()) {
          int constant = graph.constant(type.width() == 1 ? BoolType.INSTANCE : UIntType.of(type.width()), label);
          int equal = graph.add(Node.operation(Op.EQ, BoolType.INSTANCE, c.selector, constant));
          condition = condition < 0 ? equal : graph.add(Node.operation(Op.OR, BoolType.INSTANCE, condition, equal));
        }
        result[i] = condition;
      }
      return result;
    });
  }

  private int materialize(Fold fold) {
    if (fold instanceof Fold.Value value) {
      return value.node();
    }
    Fold.Choice choice = (Fold.Choice) fold;
    int whenTrue = materialize(choice.whenTrue());
    int whenFalse = materialize(choice.whenFalse());
    HdlType<?> type = graph.get(whenTrue).type();
    return graph.add(Node.operation(Op.MUX, type, choice.condition(), whenTrue, whenFalse));
  }

  // ---- memory writes ----------------------------------------------------------------------------

  private List<List<MemoryDef.WritePort>> memoryWrites() {
    List<List<MemoryDef.WritePort>> writes = new ArrayList<>();
    for (int i = 0; i < draft.memories.size(); i++) {
      writes.add(new ArrayList<>());
    }
    collectWrites(draft.root, -1, writes);
    return writes;
  }

  private void collectWrites(Draft.Block block, int condition, List<List<MemoryDef.WritePort>> writes) {
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.MemoryWrite write) {
        int enable = condition < 0 ? graph.constant(BoolType.INSTANCE, BigInteger.ONE) : condition;
        writes.get(write.memory()).add(new MemoryDef.WritePort(enable, write.address(), write.data(), write.location()));
      } else if (statement instanceof Draft.WhenStatement when) {
        int notEarlier = -1;
        for (Draft.Branch branch : when.branches) {
          int taken = branch.condition() < 0 ? notEarlier : and(notEarlier, branch.condition());
          if (containsWrite(branch.body())) {
            collectWrites(branch.body(), and(condition, taken), writes);
          }
          if (branch.condition() >= 0) {
            notEarlier = and(notEarlier, not(branch.condition()));
          }
        }
      } else if (statement instanceof Draft.SwitchStatement choice) {
        int[] conditions = conditionsOf(choice);
        int notEarlier = -1;
        for (int i = 0; i < choice.items.size(); i++) {
          boolean isDefault = i == choice.items.size() - 1 && choice.lastItemIsDefault;
          if (containsWrite(choice.items.get(i).body())) {
            collectWrites(choice.items.get(i).body(),
                and(condition, isDefault ? notEarlier : and(notEarlier, conditions[i])), writes);
          }
          notEarlier = and(notEarlier, not(conditions[i]));
        }
        if (choice.otherwise != null && containsWrite(choice.otherwise)) {
          collectWrites(choice.otherwise, and(condition, notEarlier), writes);
        }
      }
    }
  }

  private int not(int a) {
    return graph.add(Node.operation(Op.NOT, BoolType.INSTANCE, a));
  }

  private int and(int a, int b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return graph.add(Node.operation(Op.AND, BoolType.INSTANCE, a, b));
  }

  private static boolean containsWrite(Draft.Block block) {
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.MemoryWrite) {
        return true;
      }
      if (statement instanceof Draft.WhenStatement when) {
        for (Draft.Branch branch : when.branches) {
          if (containsWrite(branch.body())) {
            return true;
          }
        }
      }
      if (statement instanceof Draft.SwitchStatement choice) {
        for (Draft.Item item : choice.items) {
          if (containsWrite(item.body())) {
            return true;
          }
        }
        if (choice.otherwise != null && containsWrite(choice.otherwise)) {
          return true;
        }
      }
    }
    return false;
  }
}
