package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * A design compiled to JVM bytecode once, for any number of simulations: the hierarchy is flattened,
 * the combinational logic scheduled into chunks ({@link ProgramPlan}) and each chunk generated as a
 * straight-line method over {@code long} locals ({@link ChunkEmitter}) in classes of the design's own
 * loader. Each {@link #open() simulation} has its own state and shares the classes, so independent
 * simulations (fault-injection runs, sweep points) can run on all cores ({@link #runIndependent}).
 *
 * <p>Compiled designs are cached per component (weakly: a component no longer used is forgotten with
 * its classes), so opening the same component again costs no compilation.
 */
public final class CompiledDesign {

  /** Estimated bytes of bytecode per chunk method; below HotSpot's 8,000-byte limit for compiled methods. */
  static final int CHUNK_BUDGET = Integer.getInteger("gatewright.sim.chunkBytes", 6_000);
  /** Estimates are upper bounds, so chunks within this budget stay below {@link ProgramCompiler#HUGE_METHOD}. */
  private static final int MAX_CHUNK_BUDGET = 7_500;

  private static final Map<Component<?>, CompiledDesign> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  final String name;
  final boolean hasClock;
  final boolean hasReset;
  final String resetName;
  final boolean resetActiveLow;
  final Dataflow graph;
  final Layout layout;
  final GeneratedProgram edge;
  final GeneratedProgram outputs;
  /** Registers and synchronous reads the simulator computes after the generated edge pass (wide ones). */
  final int[] slowState;
  /** Per memory, per write port: the indices of its enable, address and data. */
  final int[][][] memoryWrites;
  /** Whether the generated edge pass does the whole edge: no wide state, no memories, nothing deferred. */
  final boolean plainEdge;
  private final ProgramPlan tracePlan;
  private final ProgramCompiler.Statistics statistics;
  private final long compileNanos;
  private volatile GeneratedProgram trace;
  private volatile ProgramCompiler.Statistics traceStatistics;
  private volatile Map<String, Integer> registerSlots;
  private volatile Map<String, Integer> memoryIndices;

  /** One compilation at one chunk budget. */
  private record Attempt(ProgramPlan tracePlan, Layout layout, ProgramCompiler.Compiled edge,
      ProgramCompiler.Compiled outputs) {}

  private CompiledDesign(Component<?> top, int chunkBudget) {
    long start = System.nanoTime();
    this.name = top.name();
    this.hasClock = top.hasClock();
    this.hasReset = top.hasReset();
    this.resetName = top.hasReset() ? top.resetName() : null;
    this.resetActiveLow = top.resetActiveLow();
    this.graph = new Dataflow(FlatDesign.of(top));
    int budget = Math.min(MAX_CHUNK_BUDGET, Math.max(ProgramPlan.MIN_BUDGET, chunkBudget));
    Attempt attempt;
    while (true) {
      try {
        ProgramPlan edgePlan = ProgramPlan.edge(graph, budget);
        ProgramPlan outputPlan = ProgramPlan.outputs(graph, budget);
        ProgramPlan plannedTrace = ProgramPlan.trace(graph, budget);
        Layout plannedLayout = new Layout(graph, edgePlan, outputPlan, plannedTrace);
        DesignLoader loader = new DesignLoader();
        ProgramCompiler compiler = new ProgramCompiler(loader, name);
        ChunkEmitter emitter = new ChunkEmitter(graph, plannedLayout, loader, hasReset);
        ProgramCompiler.Compiled compiledEdge = compiler.compile(edgePlan, emitter, "Edge");
        ProgramCompiler.Compiled compiledOutputs = compiler.compile(outputPlan, emitter, "Outputs");
        attempt = new Attempt(plannedTrace, plannedLayout, compiledEdge, compiledOutputs);
        break;
      } catch (ProgramCompiler.ChunkTooLarge e) {
        // an estimate fell short (tests would catch it); cut finer rather than leave methods to the interpreter
        if (budget <= ProgramPlan.MIN_BUDGET) {
          throw new IllegalStateException("could not compile " + name + ": " + e.getMessage(), e);
        }
        budget = Math.max(ProgramPlan.MIN_BUDGET, budget / 2);
      }
    }
    this.tracePlan = attempt.tracePlan();
    this.layout = attempt.layout();
    this.edge = attempt.edge().program();
    this.outputs = attempt.outputs().program();
    this.statistics = attempt.edge().statistics().plus(attempt.outputs().statistics());
    this.slowState = IntStream.range(0, graph.size).filter(slot -> graph.role[slot] == Dataflow.SLOW_STATE).toArray();
    this.memoryWrites = new int[graph.design.memories.size()][][];
    for (int m = 0; m < memoryWrites.length; m++) {
      int[][] writes = graph.design.memories.get(m).writes();
      memoryWrites[m] = new int[writes.length][];
      for (int w = 0; w < writes.length; w++) {
        memoryWrites[m][w] = new int[3];
        for (int k = 0; k < 3; k++) {
          memoryWrites[m][w][k] = layout.index[graph.canonical[writes[w][k]]];
        }
      }
    }
    this.plainEdge = slowState.length == 0 && memoryWrites.length == 0 && layout.deferredCount == 0;
    this.compileNanos = System.nanoTime() - start;
  }

  /** The design compiled (or found compiled in the cache). */
  public static CompiledDesign of(Component<?> design) {
    CompiledDesign compiled = CACHE.get(design);
    if (compiled == null) {
      compiled = new CompiledDesign(design, CHUNK_BUDGET);
      CACHE.put(design, compiled);
    }
    return compiled;
  }

  /** The design compiled afresh, its chunks cut at about {@code chunkBudget} bytes of bytecode (for tests). */
  static CompiledDesign compile(Component<?> design, int chunkBudget) {
    return new CompiledDesign(design, chunkBudget);
  }

  /** A new simulation of this design, in its power-on state. */
  public JavaSimulator open() {
    return new JavaSimulator(this);
  }

  public String name() {
    return name;
  }

  /** Nodes of the flattened design. */
  public int nodeCount() {
    return graph.size;
  }

  /** A one-line account of what was generated, for reports. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%,d nodes in %,d methods (%,d bytes of bytecode, the largest %,d) in %d classes, compiled in %.2f s",
        graph.size, statistics.chunks(), statistics.codeBytes(), statistics.largestMethod(), statistics.classes(),
        compileNanos / 1e9);
  }

  ProgramCompiler.Statistics statistics() {
    return statistics;
  }

  /** What the waveform pass took, null until it is compiled. */
  ProgramCompiler.Statistics traceStatistics() {
    return traceStatistics;
  }

  /** Registers by flattened name ({@code u0.acc}), in design order: their flat slots. */
  Map<String, Integer> registers() {
    Map<String, Integer> registers = registerSlots;
    if (registers == null) {
      registers = new LinkedHashMap<>();
      for (int slot = 0; slot < graph.size; slot++) {
        String name = graph.design.names.get(slot);
        if (name != null && graph.node(slot).op() == Op.REG) {
          registers.put(name, slot);
        }
      }
      registers = Collections.unmodifiableMap(registers);
      registerSlots = registers;
    }
    return registers;
  }

  /** Memories by flattened name ({@code u0.words}): their indices. */
  Map<String, Integer> memories() {
    Map<String, Integer> memories = memoryIndices;
    if (memories == null) {
      memories = new LinkedHashMap<>();
      for (int m = 0; m < graph.design.memories.size(); m++) {
        memories.put(graph.design.memories.get(m).name(), m);
      }
      memories = Collections.unmodifiableMap(memories);
      memoryIndices = memories;
    }
    return memories;
  }

  /** The pass that settles every named signal, compiled the first time a waveform is recorded. */
  GeneratedProgram trace() {
    GeneratedProgram program = trace;
    if (program == null) {
      synchronized (this) {
        program = trace;
        if (program == null) {
          DesignLoader loader = new DesignLoader();
          ChunkEmitter emitter = new ChunkEmitter(graph, layout, loader, hasReset);
          ProgramCompiler.Compiled compiled = new ProgramCompiler(loader, name).compile(tracePlan, emitter, "Trace");
          traceStatistics = compiled.statistics();
          program = compiled.program();
          trace = program;
        }
      }
    }
    return program;
  }

  /**
   * Runs one independent simulation per task on every core: {@code run} gets a simulation of this
   * design in its power-on state (its own registers, memories and inputs) and the task, and returns a
   * result. Results come in task order. A simulation is reused for the next task a thread takes,
   * cleared back to power-on first; {@code run} must not keep it. The first task that throws ends the
   * runs, and its exception is rethrown (wrapped, naming the task).
   */
  public <T, R> List<R> runIndependent(List<T> tasks, BiFunction<? super JavaSimulator, ? super T, ? extends R> run) {
    return runIndependent(tasks, Runtime.getRuntime().availableProcessors(), run);
  }

  /** {@link #runIndependent(List, BiFunction)} on {@code threads} threads. */
  public <T, R> List<R> runIndependent(List<T> tasks, int threads,
      BiFunction<? super JavaSimulator, ? super T, ? extends R> run) {
    return IndependentRuns.run(this, new ArrayList<>(tasks), threads, run);
  }
}
