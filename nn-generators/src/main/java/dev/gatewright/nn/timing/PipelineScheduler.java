package dev.gatewright.nn.timing;

import dev.gatewright.nn.timing.TimedGraph.Kind;
import dev.gatewright.nn.timing.TimedGraph.Node;
import dev.gatewright.nn.timing.TimedGraph.Operand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places the registers of a {@link TimedGraph} for a clock, by a {@link DelayModel}.
 *
 * <ol>
 *   <li><b>As soon as possible</b>: in topological order each node goes in the stage of its latest
 *       operand, or the next when its output would arrive after the period less setup. This gives the
 *       fewest stages any placement at node granularity can have (a value registered early never arrives
 *       later than one computed late), hence the latency.</li>
 *   <li><b>As late as possible</b> with that latency: the same walk backwards, by required times, gives
 *       every node the last stage it can be in. The forward and backward models are exact duals, so
 *       every node's window {@code [asap, alap]} is non-empty.</li>
 *   <li><b>Cuts</b>: register cut {@code k} (between stages {@code k-1} and {@code k}) is a minimum
 *       {@code s-t} cut ({@link RegisterCut}) over the nodes that fit in stage {@code k-1} after the
 *       cuts already made: nodes whose window ends there are forced before it, those that do not fit are
 *       after it, and a value costs its width once whatever number of its readers are after the cut.
 *       Whatever is chosen, the nodes after the cut still fit their windows, so the latency stays.</li>
 * </ol>
 * Each cut is the cheapest given the earlier ones, not the cheapest set of all cuts together. The result
 * is checked by timing it again; should that fail (it cannot when the model's two directions agree), the
 * as-soon-as-possible placement is used.
 */
public final class PipelineScheduler {

  private final TimedGraph graph;
  private final DelayModel model;
  private final double periodNs;
  private final double budget;
  private final int n;
  private final List<String> tooSlow = new ArrayList<>();

  private PipelineScheduler(TimedGraph graph, DelayModel model, double periodNs) {
    if (graph.sink() < 0) {
      throw new IllegalArgumentException("a timed graph needs a sink (its output register) to be pipelined");
    }
    if (!(periodNs > 0)) {
      throw new IllegalArgumentException("the clock period must be positive, not " + periodNs);
    }
    this.graph = graph;
    this.model = model;
    this.periodNs = periodNs;
    this.budget = model.budget(periodNs);
    this.n = graph.size();
  }

  /** The registers of {@code graph} for a clock of {@code periodNs} ({@code +Infinity}: only the output register). */
  public static PipelineSchedule schedule(TimedGraph graph, DelayModel model, double periodNs) {
    return new PipelineScheduler(graph, model, periodNs).run(true);
  }

  /** Every node as soon as possible, no cuts chosen: the fewest stages, not the fewest registers. */
  static PipelineSchedule asSoonAsPossible(TimedGraph graph, DelayModel model, double periodNs) {
    return new PipelineScheduler(graph, model, periodNs).run(false);
  }

  private PipelineSchedule run(boolean minimizeRegisters) {
    int[] asap = new int[n];
    double[][] arrivals = new double[n][];
    forward(asap, arrivals, true);
    int latency = asap[graph.sink()];
    int[] stages = asap;
    String method = "as soon as possible";
    if (minimizeRegisters && latency > 1) {
      // the cheapest of: as soon as possible, as late as possible, and a minimum cut at each register
      int[] alap = backward(asap, latency);
      long best = registerBits(asap);
      if (fits(alap) && registerBits(alap) < best) {
        stages = alap;
        best = registerBits(alap);
        method = "as late as possible";
      }
      int[] cut = cuts(alap, latency);
      if (cut != null && fits(cut) && registerBits(cut) <= best) {
        stages = cut;
        method = "minimum register cuts";
      }
    }
    double[] stageArrivals = new double[latency];
    double[][] final_ = new double[n][];
    int[] check = stages.clone();
    forward(check, final_, false);
    String critical = null;
    double worst = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < n; v++) {
      if (final_[v] != null && graph.node(v).kind() == Kind.VALUE && stages[v] < latency) {
        double t = latest(final_[v]);
        stageArrivals[stages[v]] = Math.max(stageArrivals[stages[v]], t);
        if (t > worst) {
          worst = t;
          critical = graph.node(v).name();
        }
      }
    }
    return new PipelineSchedule(graph, model, periodNs, stages, stageArrivals, registerBits(stages), tooSlow, method,
        critical);
  }

  // ---- as soon as possible ---------------------------------------------------------------------

  /**
   * Times every node in {@code stages}: with {@code place} true, first chooses each node's stage as soon as
   * possible (overwriting {@code stages}); else keeps the stages given.
   */
  private void forward(int[] stages, double[][] arrivals, boolean place) {
    for (int v = 0; v < n; v++) {
      Node node = graph.node(v);
      switch (node.kind()) {
        case SOURCE -> {
          stages[v] = 0;
          arrivals[v] = new double[node.width()];
        }
        case BOUNDARY -> {
          if (place) {
            stages[v] = earliest(v, stages);
          }
        }
        case SINK -> {
          if (place) {
            stages[v] = earliest(v, stages) + 1;
          }
        }
        case VALUE -> {
          int s = place ? earliest(v, stages) : stages[v];
          double[] a = arrival(v, s, stages, arrivals);
          if (place && latest(a) > budget && readsInStage(v, s, stages)) {
            s++;
            a = arrival(v, s, stages, arrivals);
          }
          if (place && latest(a) > budget) {
            tooSlow.add(node.name());
          }
          stages[v] = s;
          arrivals[v] = a;
        }
      }
    }
  }

  /** The earliest stage node {@code v} may be in: its operands ready, its boundaries passed. */
  private int earliest(int v, int[] stages) {
    Node node = graph.node(v);
    int s = 0;
    for (Operand o : node.operands()) {
      s = Math.max(s, ready(o.node(), stages));
    }
    for (int a : node.after()) {
      s = Math.max(s, graph.node(a).isValue() ? ready(a, stages) : stages[a]);
    }
    return s;
  }

  private int ready(int v, int[] stages) {
    return stages[v] + (graph.node(v).registered() ? 1 : 0);
  }

  private boolean readsInStage(int v, int s, int[] stages) {
    for (Operand o : graph.node(v).operands()) {
      if (ready(o.node(), stages) == s && !graph.node(o.node()).registered()) {
        return true;
      }
    }
    return false;
  }

  /** The arrival time of node {@code v}'s bits in stage {@code s}, its operands' in {@code arrivals}. */
  private double[] arrival(int v, int s, int[] stages, double[][] arrivals) {
    Node node = graph.node(v);
    List<double[]> in = new ArrayList<>(node.operands().size());
    List<Boolean> signed = new ArrayList<>(node.operands().size());
    for (Operand o : node.operands()) {
      int u = o.node();
      double[] bits;
      if (ready(u, stages) < s || graph.node(u).registered()) {
        bits = new double[o.width()];
        Arrays.fill(bits, model.registered());
      } else {
        bits = Arrays.copyOfRange(arrivals[u], o.low(), o.low() + o.width());
      }
      in.add(bits);
      signed.add(o.signed());
    }
    return model.forward(node.op(), in, signed, node.width());
  }

  // ---- as late as possible ---------------------------------------------------------------------

  /** Every node's last stage for a design of {@code latency} stages (never before its first). */
  private int[] backward(int[] asap, int latency) {
    int[] alap = new int[n];
    double[][] requiredOut = new double[n][];
    List<List<double[]>> requiredIn = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      requiredIn.add(null);
    }
    int sink = graph.sink();
    alap[sink] = latency;
    for (int v = n - 1; v >= 0; v--) {
      Node node = graph.node(v);
      if (node.kind() == Kind.SINK) {
        continue;
      }
      if (node.kind() == Kind.SOURCE) {
        alap[v] = 0;
        continue;
      }
      int limit = latency - 1;
      for (int r : graph.orderReaders(v)) {
        limit = Math.min(limit, r == sink ? latency - 1 : alap[r]);
      }
      for (int r : graph.readers(v)) {
        limit = Math.min(limit, r == sink ? latency - 1 : alap[r] - (node.registered() ? 1 : 0));
      }
      if (node.kind() == Kind.BOUNDARY) {
        alap[v] = Math.max(limit, asap[v]);
        continue;
      }
      int t = limit;
      double[] req = required(v, t, alap, requiredIn);
      List<double[]> in = model.backward(node.op(), widths(node), signs(node), req);
      if (!feasible(node, t, in)) {
        t--;
        req = required(v, t, alap, requiredIn);
        in = model.backward(node.op(), widths(node), signs(node), req);
      }
      if (t < asap[v]) {
        t = asap[v];
        req = required(v, t, alap, requiredIn);
        in = model.backward(node.op(), widths(node), signs(node), req);
      }
      alap[v] = t;
      requiredOut[v] = req;
      requiredIn.set(v, in);
    }
    return alap;
  }

  /** The required time of each bit of {@code v} in stage {@code t}: its readers there, else the register. */
  private double[] required(int v, int t, int[] alap, List<List<double[]>> requiredIn) {
    Node node = graph.node(v);
    double[] req = new double[node.width()];
    Arrays.fill(req, budget);
    if (node.registered()) {
      return req;
    }
    for (int r : graph.readers(v)) {
      if (r == graph.sink() || alap[r] != t) {
        continue;
      }
      List<Operand> ops = graph.node(r).operands();
      List<double[]> in = requiredIn.get(r);
      for (int k = 0; k < ops.size(); k++) {
        Operand o = ops.get(k);
        if (o.node() == v) {
          for (int i = 0; i < o.width(); i++) {
            req[o.low() + i] = Math.min(req[o.low() + i], in.get(k)[i]);
          }
        }
      }
    }
    return req;
  }

  /** Whether node {@code v} can be in stage {@code t} with every operand registered (or an input in stage 0). */
  private boolean feasible(Node node, int t, List<double[]> requiredIn) {
    for (int k = 0; k < node.operands().size(); k++) {
      boolean fromPort = graph.node(node.operands().get(k).node()).kind() == Kind.SOURCE && t == 0;
      double earliest = fromPort ? 0 : model.registered();
      for (double r : requiredIn.get(k)) {
        if (r < earliest - 1e-9) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Integer> widths(Node node) {
    return node.operands().stream().map(Operand::width).toList();
  }

  private static List<Boolean> signs(Node node) {
    return node.operands().stream().map(Operand::signed).toList();
  }

  // ---- cuts -------------------------------------------------------------------------------------

  /** Stages from minimum register cuts, or null when a cut's forced nodes do not fit (the models disagree). */
  private int[] cuts(int[] alap, int latency) {
    int[] stages = new int[n];
    Arrays.fill(stages, -1);
    double[][] arrivals = new double[n][];
    int sink = graph.sink();
    for (int v = 0; v < n; v++) {
      if (graph.node(v).kind() == Kind.SOURCE) {
        stages[v] = 0;
        arrivals[v] = new double[graph.node(v).width()];
      }
    }
    for (int k = 1; k < latency; k++) {
      int stage = k - 1;
      boolean[] fits = new boolean[n];
      double[][] fitArrivals = new double[n][];
      for (int v = 0; v < n; v++) {
        Node node = graph.node(v);
        if (stages[v] >= 0 || v == sink || !operandsReady(v, stage, stages, fits)) {
          continue;
        }
        if (node.kind() == Kind.VALUE) {
          double[] a = arrivalIn(v, stage, stages, arrivals, fitArrivals);
          boolean slowAlone = tooSlow.contains(node.name());
          if (latest(a) > budget && (!slowAlone || readsWithin(v, stage, stages))) {
            continue; // too slow here; a node too slow even alone fits only where all it reads is registered
          }
          fitArrivals[v] = a;
        }
        fits[v] = true;
      }
      boolean[] forced = new boolean[n];
      for (int v = 0; v < n; v++) {
        if (stages[v] < 0 && v != sink && alap[v] <= stage) {
          if (!fits[v]) {
            return null;
          }
          forced[v] = true;
        }
      }
      boolean[] before = RegisterCut.minimum(graph, stages, fits, forced);
      for (int v = 0; v < n; v++) {
        if (before[v]) {
          stages[v] = stage;
          arrivals[v] = fitArrivals[v];
        }
      }
    }
    for (int v = 0; v < n; v++) {
      if (stages[v] < 0 && v != sink) {
        stages[v] = latency - 1;
      }
    }
    stages[sink] = latency;
    return stages;
  }

  /** Whether node {@code v} reads a value computed in {@code stage} itself (placed there, or not yet placed). */
  private boolean readsWithin(int v, int stage, int[] stages) {
    for (Operand o : graph.node(v).operands()) {
      int u = o.node();
      if (!graph.node(u).registered() && (stages[u] < 0 || ready(u, stages) == stage)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every operand and boundary of {@code v} is placed by {@code stage} or fits in it. */
  private boolean operandsReady(int v, int stage, int[] stages, boolean[] fits) {
    Node node = graph.node(v);
    for (Operand o : node.operands()) {
      int u = o.node();
      if (stages[u] >= 0 ? ready(u, stages) > stage : !fits[u] || graph.node(u).registered()) {
        return false;
      }
    }
    for (int a : node.after()) {
      boolean value = graph.node(a).isValue();
      if (stages[a] >= 0 ? (value ? ready(a, stages) : stages[a]) > stage : !fits[a] || graph.node(a).registered()) {
        return false;
      }
    }
    return true;
  }

  private double[] arrivalIn(int v, int stage, int[] stages, double[][] placed, double[][] fitting) {
    Node node = graph.node(v);
    List<double[]> in = new ArrayList<>(node.operands().size());
    List<Boolean> signed = new ArrayList<>(node.operands().size());
    for (Operand o : node.operands()) {
      int u = o.node();
      double[] source = stages[u] >= 0 ? (stages[u] == stage && !graph.node(u).registered() ? placed[u] : null)
          : fitting[u];
      double[] bits;
      if (source == null) {
        bits = new double[o.width()];
        Arrays.fill(bits, model.registered());
      } else {
        bits = Arrays.copyOfRange(source, o.low(), o.low() + o.width());
      }
      in.add(bits);
      signed.add(o.signed());
    }
    return model.forward(node.op(), in, signed, node.width());
  }

  /** Whether every stage of {@code stages} times within the budget (nodes too slow alone excepted). */
  private boolean fits(int[] stages) {
    double[][] arrivals = new double[n][];
    for (int v = 0; v < n; v++) {
      Node node = graph.node(v);
      for (Operand o : node.operands()) {
        if (ready(o.node(), stages) > stages[v]) {
          return false;
        }
      }
      for (int a : node.after()) {
        if (stages[a] > stages[v]) {
          return false;
        }
      }
      if (node.kind() == Kind.SINK) {
        for (Operand o : node.operands()) {
          if (ready(o.node(), stages) >= stages[v]) {
            return false;
          }
        }
      }
      if (node.kind() == Kind.SOURCE) {
        arrivals[v] = new double[node.width()];
      } else if (node.kind() == Kind.VALUE) {
        arrivals[v] = arrival(v, stages[v], stages, arrivals);
        if (latest(arrivals[v]) > budget + 1e-9 && !tooSlow.contains(node.name())) {
          return false;
        }
      }
    }
    return true;
  }

  // ---- cost ------------------------------------------------------------------------------------

  /** Flip-flops: each value delayed from its ready stage to its last reader's (or its boundary's) stage. */
  private long registerBits(int[] stages) {
    long bits = 0;
    for (int v = 0; v < n; v++) {
      Node node = graph.node(v);
      if (!node.isValue()) {
        continue;
      }
      int last = ready(v, stages);
      for (int r : graph.readers(v)) {
        last = Math.max(last, stages[r]);
      }
      for (int b : graph.orderReaders(v)) {
        last = Math.max(last, stages[b]);
      }
      bits += (long) node.width() * Math.max(0, last - ready(v, stages));
    }
    return bits;
  }

  static double latest(double[] bits) {
    double t = Double.NEGATIVE_INFINITY;
    for (double x : bits) {
      t = Math.max(t, x);
    }
    return t;
  }
}
