package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.ir.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the user's control structure for emission: every target assigned inside a {@code when} or
 * {@code switchOn} belongs to a {@link Process}, one per group of targets that share statements (split
 * into combinational targets and registers of one reset kind and enable). A combinational group whose
 * statements read one of its own targets is split into one process per target, so that no
 * {@code always_comb} block reads what it writes.
 */
final class ProcessExtraction {

  private final Draft draft;
  private final boolean[] conditional;

  private ProcessExtraction(Draft draft, boolean[] conditional) {
    this.draft = draft;
    this.conditional = conditional;
  }

  /** The processes, their node ids those of the draft's graph (after lowering). */
  static List<Process> extract(Draft draft) {
    boolean[] conditional = WhenLowering.conditionalTargets(draft);
    return new ProcessExtraction(draft, conditional).run();
  }

  private List<Process> run() {
    int n = draft.targets.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (Draft.Statement statement : draft.root.statements) {
      if (statement instanceof Draft.Assignment) {
        continue;
      }
      List<Target> inside = new ArrayList<>();
      collectTargets(statement, inside);
      for (int i = 1; i < inside.size(); i++) {
        union(parent, inside.get(0).index, inside.get(i).index);
      }
    }
    Map<Integer, List<Target>> groups = new LinkedHashMap<>();
    for (Draft.Statement statement : draft.root.statements) {
      if (statement instanceof Draft.Assignment assign && !conditional[assign.target().index]) {
        continue;
      }
      List<Target> inside = new ArrayList<>();
      collectTargets(statement, inside);
      for (Target t : inside) {
        if (conditional[t.index]) {
          List<Target> group = groups.computeIfAbsent(find(parent, t.index), k -> new ArrayList<>());
          if (!group.contains(t)) {
            group.add(t);
          }
        }
      }
    }
    List<Process> processes = new ArrayList<>();
    for (List<Target> group : groups.values()) {
      Map<Object, List<Target>> classes = new LinkedHashMap<>();
      for (Target t : group) {
        Object kind = t.isRegister() ? List.of(t.init != null, t.enable) : "combinational";
        classes.computeIfAbsent(kind, k -> new ArrayList<>()).add(t);
      }
      for (List<Target> members : classes.values()) {
        boolean registered = members.get(0).isRegister();
        if (!registered && members.size() > 1 && readsItself(members)) {
          for (Target t : members) {
            processes.add(process(List.of(t)));
          }
        } else {
          processes.add(process(members));
        }
      }
    }
    return processes;
  }

  private Process process(List<Target> members) {
    Set<Target> set = Set.copyOf(members);
    List<Statement> body = prune(draft.root, set);
    List<Integer> targets = members.stream().map(t -> t.node).toList();
    Target first = members.get(0);
    return new Process(first.isRegister(), targets, body, first.isRegister() ? first.enable : -1, first.location);
  }

  private List<Statement> prune(Draft.Block block, Set<Target> members) {
    List<Statement> result = new ArrayList<>();
    for (Draft.Statement statement : block.statements) {
      if (statement instanceof Draft.Assignment assign) {
        if (members.contains(assign.target())) {
          result.add(new Statement.Assign(assign.target().node, assign.element(), assign.value()));
        }
      } else if (statement instanceof Draft.WhenStatement when) {
        if (touches(statement, members)) {
          result.add(chain(when.branches, 0, members));
        }
      } else if (statement instanceof Draft.SwitchStatement choice) {
        if (touches(statement, members)) {
          result.add(caseOf(choice, members));
        }
      }
    }
    return result;
  }

  private Statement chain(List<Draft.Branch> branches, int from, Set<Target> members) {
    Draft.Branch branch = branches.get(from);
    List<Statement> then = prune(branch.body(), members);
    List<Statement> otherwise;
    if (from + 1 == branches.size()) {
      otherwise = List.of();
    } else if (branches.get(from + 1).condition() < 0) {
      otherwise = prune(branches.get(from + 1).body(), members);
    } else {
      otherwise = List.of(chain(branches, from + 1, members));
    }
    return new Statement.If(branch.condition(), then, otherwise);
  }

  private Statement caseOf(Draft.SwitchStatement choice, Set<Target> members) {
    List<Statement.Item> items = new ArrayList<>();
    int count = choice.items.size() - (choice.lastItemIsDefault ? 1 : 0);
    for (int i = 0; i < count; i++) {
      Draft.Item item = choice.items.get(i);
      items.add(new Statement.Item(item.labels(), item.names(), prune(item.body(), members)));
    }
    List<Statement> otherwise = null;
    List<String> otherwiseNames = List.of();
    if (choice.lastItemIsDefault) {
      Draft.Item last = choice.items.get(choice.items.size() - 1);
      otherwise = prune(last.body(), members);
      otherwiseNames = last.names();
    } else if (choice.otherwise != null) {
      otherwise = prune(choice.otherwise, members);
    }
    return new Statement.Case(choice.selector, items, otherwise, otherwiseNames);
  }

  private static boolean touches(Draft.Statement statement, Set<Target> members) {
    List<Target> inside = new ArrayList<>();
    collectTargets(statement, inside);
    for (Target t : inside) {
      if (members.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private static void collectTargets(Draft.Statement statement, List<Target> into) {
    if (statement instanceof Draft.Assignment assign) {
      into.add(assign.target());
    } else if (statement instanceof Draft.WhenStatement when) {
      for (Draft.Branch branch : when.branches) {
        branch.body().statements.forEach(s -> collectTargets(s, into));
      }
    } else if (statement instanceof Draft.SwitchStatement choice) {
      for (Draft.Item item : choice.items) {
        item.body().statements.forEach(s -> collectTargets(s, into));
      }
      if (choice.otherwise != null) {
        choice.otherwise.statements.forEach(s -> collectTargets(s, into));
      }
    }
  }

  /** Whether the nodes the members' statements read depend, in the same cycle, on one of the members. */
  private boolean readsItself(List<Target> members) {
    Set<Target> set = Set.copyOf(members);
    BitSet targets = new BitSet();
    for (Target t : members) {
      targets.set(t.node);
    }
    List<Integer> roots = new ArrayList<>();
    for (Statement statement : prune(draft.root, set)) {
      statement.collectReads(roots);
    }
    BitSet seen = new BitSet(draft.graph.size());
    ArrayDeque<Integer> stack = new ArrayDeque<>(roots);
    while (!stack.isEmpty()) {
      int id = stack.pop();
      if (seen.get(id)) {
        continue;
      }
      seen.set(id);
      if (targets.get(id)) {
        return true;
      }
      Node node = draft.graph.get(id);
      if (node.isSequential() || node.op() == Op.INPUT) {
        continue;
      }
      if (node.op() == Op.INST_OUT) {
        Draft.InstanceDecl instance = draft.instances.get(node.instance());
        for (String input : instance.child().combinationalPaths().getOrDefault(node.port(), Set.of())) {
          stack.push(instance.inputs().get(input));
        }
        continue;
      }
      for (int i = 0; i < node.argCount(); i++) {
        stack.push(node.arg(i));
      }
    }
    return false;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

}
