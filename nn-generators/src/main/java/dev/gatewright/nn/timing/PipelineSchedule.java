package dev.gatewright.nn.timing;

import java.util.List;
import java.util.Locale;

/**
 * Where the registers of a {@link TimedGraph} go: every node's stage (0 from the inputs to the first
 * register, ..., {@link #latency()} for the output register), so that every path from an input to an
 * output crosses {@link #latency()} registers (a new input every cycle) and, by the delay model, every
 * stage's logic fits the clock.
 *
 * <p>A value read {@code k} stages after its own is delayed by {@code k} registers, shared by its readers:
 * {@link #registerBits()} counts them all, the output register included.
 */
public final class PipelineSchedule {

  private final TimedGraph graph;
  private final DelayModel model;
  private final double periodNs;
  private final int[] stages;
  private final double[] stageArrivals;
  private final long registerBits;
  private final List<String> tooSlow;
  private final String method;
  private final String critical;

  PipelineSchedule(TimedGraph graph, DelayModel model, double periodNs, int[] stages, double[] stageArrivals,
      long registerBits, List<String> tooSlow, String method, String critical) {
    this.graph = graph;
    this.model = model;
    this.periodNs = periodNs;
    this.stages = stages;
    this.stageArrivals = stageArrivals;
    this.registerBits = registerBits;
    this.tooSlow = List.copyOf(tooSlow);
    this.method = method;
    this.critical = critical;
  }

  /** The node whose output arrives last in its stage, by the model (null when there is no logic). */
  public String criticalNode() {
    return critical;
  }

  public TimedGraph graph() {
    return graph;
  }

  public DelayModel model() {
    return model;
  }

  /** The clock period the registers were placed for ({@code +Infinity}: no clock). */
  public double periodNs() {
    return periodNs;
  }

  /** The stage of node {@code node}: the registers between the inputs and it. */
  public int stage(int node) {
    return stages[node];
  }

  /** The first stage in which {@code node}'s value can be read: its stage, or the next for a node that registers its output. */
  public int readyStage(int node) {
    return stages[node] + (graph.node(node).registered() ? 1 : 0);
  }

  /** Registers from an input to an output: the cycles from an input to its result. */
  public int latency() {
    return stages[graph.sink()];
  }

  /** The latency in nanoseconds at the clock the registers were placed for. */
  public double latencyNs() {
    return latency() * periodNs;
  }

  /** Flip-flops of all pipeline registers, the output register's included. */
  public long registerBits() {
    return registerBits;
  }

  /** By the delay model, the time logic takes in stage {@code stage} (from its start to its latest bit). */
  public double stageArrival(int stage) {
    return stageArrivals[stage];
  }

  /** The slowest stage's logic plus setup: the shortest clock period the model says this meets. */
  public double modelPeriodNs() {
    double worst = 0;
    for (double a : stageArrivals) {
      worst = Math.max(worst, a);
    }
    return worst + model.setup();
  }

  /** Nodes that alone take longer than the clock (each got a stage of its own and still misses it). */
  public List<String> tooSlow() {
    return tooSlow;
  }

  /** How the stages were chosen: minimum register cuts, or as soon as possible (when cuts were not needed). */
  public String method() {
    return method;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d stages at %.3f ns (%s model, %s): %,d register bits, model period %.3f ns"
        + " (%s)%s", latency(), periodNs, model.name(), method, registerBits, modelPeriodNs(), critical,
        tooSlow.isEmpty() ? "" : "; too slow alone: " + tooSlow);
  }
}
