package dev.gatewright.nn.hw;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.arith.CmvmOptions;
import dev.gatewright.nn.arith.DenseOutput;
import dev.gatewright.nn.arith.Interval;
import dev.gatewright.nn.hw.DenseDatapath.Step;
import dev.gatewright.nn.timing.ClockTarget;
import dev.gatewright.nn.timing.DelayModel;
import dev.gatewright.nn.timing.PipelineSchedule;
import dev.gatewright.nn.timing.PipelineScheduler;
import dev.gatewright.nn.timing.TimedGraph.Operand;
import dev.gatewright.nn.timing.TimedGraph;
import dev.gatewright.nn.timing.TimingOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A chain of fully parallel layers pipelined as one: every operation of every layer goes into one
 * {@link TimedGraph} (a dense layer's adders, products and output steps, an activation's elements), the
 * registers are placed for the clock by {@link PipelineScheduler}, and each layer becomes a module with its
 * share of them. A layer's inputs enter its module in one stage and its outputs leave in one stage (a
 * boundary node per layer), so a layer may hold no register at all, or several; the last layer's outputs
 * are registered. Every path crosses the same number of registers: a new input every cycle.
 */
final class TimedNetwork {

  /** The layers' hardware, the schedule, and each dense layer's datapath (null for other layers). */
  record Result(List<LayerHardware> layers, PipelineSchedule schedule, List<DenseDatapath> datapaths,
      PipelineSummary summary) {}

  private final List<Layer> chain;
  private final Function<Dense, List<Interval>> inputRanges;
  private final DenseOptions options;
  private final TimedGraph graph = new TimedGraph();

  private TimedNetwork(List<Layer> chain, Function<Dense, List<Interval>> inputRanges, DenseOptions options) {
    this.chain = List.copyOf(chain);
    this.inputRanges = inputRanges;
    this.options = options;
  }

  /** Pipelines {@code chain}; a dense layer's inputs range as {@code inputRanges} says. */
  static Result build(List<Layer> chain, Function<Dense, List<Interval>> inputRanges, DenseOptions options) {
    if (options.reuse() != 1) {
      throw new IllegalArgumentException("a pipeline is placed over fully parallel layers (reuse 1), not reuse "
          + options.reuse());
    }
    return new TimedNetwork(chain, inputRanges, options).build();
  }

  /** The nodes of one layer: its steps' or elements' node ids, and the operands that read its outputs. */
  private record Plan(DenseDatapath datapath, int[] nodes, List<Operand> outputs) {}

  private Result build() {
    Layer first = chain.get(0);
    List<Operand> current = new ArrayList<>();
    for (int i = 0; i < first.inputs(); i++) {
      FixedType t = first.inputType();
      current.add(new Operand(graph.source("x" + i, t.width(), t.signed()), 0, t.width(), t.signed()));
    }
    List<Plan> plans = new ArrayList<>();
    int[] boundaries = new int[chain.size()];
    int previous = -1;
    for (int k = 0; k < chain.size(); k++) {
      Layer layer = chain.get(k);
      Plan plan = plan(layer, "l" + k, current, previous);
      plans.add(plan);
      current = plan.outputs();
      if (k < chain.size() - 1) {
        List<Integer> members = new ArrayList<>();
        for (Operand o : current) {
          if (!members.contains(o.node())) {
            members.add(o.node());
          }
        }
        previous = graph.boundary("after " + layer.name(), members);
        boundaries[k] = previous;
      }
    }
    int sink = graph.sink(current, List.of());
    DelayModel model = options.clock().map(ClockTarget::model).orElse(DelayModel.LEVELS);
    double period = options.clock().map(ClockTarget::periodNs)
        .orElse(options.registerEvery() == 0 ? Double.POSITIVE_INFINITY : options.registerEvery());
    PipelineSchedule schedule = PipelineScheduler.schedule(graph, model, period);
    List<LayerHardware> layers = new ArrayList<>();
    List<DenseDatapath> datapaths = new ArrayList<>();
    int adders = 0;
    long cells = 0;
    int products = 0;
    for (int k = 0; k < chain.size(); k++) {
      int in = k == 0 ? 0 : schedule.stage(boundaries[k - 1]);
      int out = k == chain.size() - 1 ? schedule.stage(sink) : schedule.stage(boundaries[k]);
      Plan plan = plans.get(k);
      layers.add(module(chain.get(k), plan, schedule, in, out));
      datapaths.add(plan.datapath());
      if (plan.datapath() != null) {
        adders += plan.datapath().adders();
        cells += plan.datapath().adderCells();
        products += plan.datapath().products();
      }
    }
    PipelineSummary summary = new PipelineSummary(model.name(), period, schedule.latency(), schedule.registerBits(),
        schedule.modelPeriodNs(), adders, cells, products, schedule.tooSlow(), schedule.method());
    return new Result(layers, schedule, datapaths, summary);
  }

  // ---- the graph -------------------------------------------------------------------------------

  private Plan plan(Layer layer, String id, List<Operand> inputs, int boundary) {
    List<Integer> after = boundary < 0 ? List.of() : List.of(boundary);
    return layer.accept(new Layer.Visitor<Plan>() {
      @Override
      public Plan dense(Dense d) {
        return densePlan(d, id, inputs, after);
      }

      @Override
      public Plan thresholds(Thresholds t) {
        int countBits = 64 - Long.numberOfLeadingZeros(t.steps());
        TimingOp op = new TimingOp.Word(t.inputType().width(), countBits + 2);
        return elementwise(t, id, inputs, after, op);
      }

      @Override
      public Plan linear(Activation.Linear a) {
        return elementwise(a, id, inputs, after, quantize(a.inputType(), a.result(), 0, 0));
      }

      @Override
      public Plan relu(Activation.Relu a) {
        int relu = ActivationGenerator.clampsNegatives(a.result()) ? 0 : 1; // the mux before the quantizer
        return elementwise(a, id, inputs, after, quantize(a.inputType(), a.result(), 0, relu));
      }

      @Override
      public Plan clippedRelu(Activation.ClippedRelu a) {
        return elementwise(a, id, inputs, after, quantize(a.inputType(), a.result(), a.inputType().width(), 2));
      }

      @Override
      public Plan hardTanh(Activation.HardTanh a) {
        return elementwise(a, id, inputs, after, quantize(a.inputType(), a.result(), a.inputType().width(), 2));
      }

      @Override
      public Plan sigmoid(Activation.Sigmoid a) {
        return elementwise(a, id, inputs, after, table(a.inputType(), a.table().size()));
      }

      @Override
      public Plan tanh(Activation.Tanh a) {
        return elementwise(a, id, inputs, after, table(a.inputType(), a.table().size()));
      }

      @Override
      public Plan softmax(Activation.Softmax a) {
        // timed after its internal register: the sum of the exponents, the reciprocal, the products
        int levels = 32 - Integer.numberOfLeadingZeros(Math.max(1, a.inputs() - 1));
        TimingOp op = new TimingOp.Word(a.sumType().width(), levels + romLevels(a.reciprocal().size()) + 4);
        return vector(a, id, inputs, after, op, true);
      }

      @Override
      public Plan argmax(Activation.Argmax a) {
        int rounds = 32 - Integer.numberOfLeadingZeros(Math.max(1, a.inputs() - 1)); // the tournament's
        TimingOp op = new TimingOp.Word(a.inputType().width(), 1, Math.max(1, rounds));
        return vector(a, id, inputs, after, op, false);
      }

      @Override
      public Plan conv(Conv c) {
        throw LayerGenerators.refusedSpatial("the pipelined network", c, "a convolution");
      }

      @Override
      public Plan maxPool(MaxPool p) {
        throw LayerGenerators.refusedSpatial("the pipelined network", p, "a max pool");
      }

      @Override
      public Plan globalPool(GlobalPool p) {
        throw LayerGenerators.refusedSpatial("the pipelined network", p, "a global pool");
      }
    });
  }

  private Plan densePlan(Dense layer, String id, List<Operand> inputs, List<Integer> after) {
    DenseDatapath datapath = DenseDatapath.of(layer, inputRanges.apply(layer), options.multiplier(),
        CmvmOptions.DEFAULT, options.summation());
    List<Step> steps = datapath.steps();
    int[] nodes = new int[steps.size()];
    Operand[] operandOf = new Operand[steps.size()];
    for (int k = 0; k < steps.size(); k++) {
      Step step = steps.get(k);
      DenseDatapath.Bus bus = step.bus();
      if (step instanceof DenseDatapath.Read read) {
        Operand in = inputs.get(read.input());
        operandOf[k] = new Operand(in.node(), in.low(), Math.min(bus.width(), in.width()), bus.signed());
        nodes[k] = -1;
        continue;
      }
      List<Operand> operands = new ArrayList<>();
      boolean readsInputs = step.operands().isEmpty();
      for (int j : step.operands()) {
        operands.add(operandOf[j]);
        readsInputs |= steps.get(j) instanceof DenseDatapath.Read;
      }
      nodes[k] = graph.value(id + "." + k, timing(step), operands, bus.width(), bus.signed(),
          readsInputs ? after : List.of(), false);
      operandOf[k] = new Operand(nodes[k], 0, bus.width(), bus.signed());
    }
    List<Operand> outputs = new ArrayList<>();
    for (int o = 0; o < layer.outputs(); o++) {
      outputs.add(operandOf[datapath.output(o)]);
    }
    return new Plan(datapath, nodes, outputs);
  }

  private static TimingOp timing(Step step) {
    return step.accept(new DenseDatapath.StepVisitor<TimingOp>() {
      @Override
      public TimingOp read(DenseDatapath.Read s) {
        return new TimingOp.Wire();
      }

      @Override
      public TimingOp adder(DenseDatapath.Adder s) {
        var n = s.node();
        return new TimingOp.Add(n.left().shift(), n.left().negated(), n.right().shift(), n.right().negated(),
            n.dropped());
      }

      @Override
      public TimingOp product(DenseDatapath.Product s) {
        long w = Math.abs(s.weight());
        return new TimingOp.Multiply(64 - Long.numberOfLeadingZeros(w), Long.bitCount(w));
      }

      @Override
      public TimingOp floor(DenseDatapath.Floor s) {
        return new TimingOp.Word(s.term().negated() ? s.bus().width() : 0, 0);
      }

      @Override
      public TimingOp compressedSum(CompressedSum s) {
        return new TimingOp.Compress(CompressorTree.levels(s.rows()), s.rows() > 1 ? s.bus().width() : 0);
      }

      @Override
      public TimingOp finish(DenseDatapath.Finish s) {
        DenseOutput out = s.output();
        FixedType acc = out.accumulatorType();
        int levels = out.accumulatorOverflows() && out.accumulatorOverflow() != Overflow.WRAP ? 2 : 0;
        TimingOp.Word rest = (TimingOp.Word) quantize(acc, out.result(), out.totalChain(), levels);
        return out.resultOverflows() || rest.chainBits() > out.totalChain() ? rest
            : new TimingOp.Word(out.totalChain(), levels);
      }
    });
  }

  /**
   * A resize from {@code in} into {@code q}'s type after a chain of {@code chain} bits and {@code levels} of
   * logic: a rounding increment where bits are dropped and rounded, a saturation where it clamps.
   */
  private static TimingOp quantize(FixedType in, Quantizer q, int chain, int levels) {
    boolean rounds = q.rounding() != Rounding.TRUNCATE && in.fraction() > q.type().fraction();
    int halves = q.rounding() == Rounding.HALF_EVEN || q.rounding() == Rounding.HALF_UP ? 1 : 0;
    int saturates = q.overflow() != Overflow.WRAP ? 2 : 0;
    return new TimingOp.Word(chain + (rounds ? q.type().width() : 0), levels + (rounds ? halves : 0) + saturates);
  }

  /** A table lookup: the index (a subtraction and a clamp) and the table's levels of logic. */
  private static TimingOp table(FixedType in, int size) {
    return new TimingOp.Word(in.width(), 2 + romLevels(size));
  }

  /** Levels of 4-input logic that select one of {@code size} entries. */
  private static int romLevels(int size) {
    int bits = MemoryDef.addressWidth(size);
    return Math.max(1, (bits + 3) / 4 + 1);
  }

  private Plan elementwise(Layer layer, String id, List<Operand> inputs, List<Integer> after, TimingOp op) {
    FixedType out = layer.outputType();
    int[] nodes = new int[layer.outputs()];
    List<Operand> outputs = new ArrayList<>();
    for (int i = 0; i < layer.outputs(); i++) {
      nodes[i] = graph.value(id + ".y" + i, op, List.of(inputs.get(i)), out.width(), out.signed(), after, false);
      outputs.add(new Operand(nodes[i], 0, out.width(), out.signed()));
    }
    return new Plan(null, nodes, outputs);
  }

  private Plan vector(Layer layer, String id, List<Operand> inputs, List<Integer> after, TimingOp op,
      boolean registered) {
    FixedType out = layer.outputType();
    int node = graph.value(id + ".y", op, inputs, out.width() * layer.outputs(), out.signed(), after, registered);
    List<Operand> outputs = new ArrayList<>();
    for (int i = 0; i < layer.outputs(); i++) {
      outputs.add(new Operand(node, i * out.width(), out.width(), out.signed()));
    }
    return new Plan(null, new int[] {node}, outputs);
  }

  // ---- the modules -----------------------------------------------------------------------------

  private LayerHardware module(Layer layer, Plan plan, PipelineSchedule schedule, int in, int out) {
    if (plan.datapath() != null) {
      List<Step> steps = plan.datapath().steps();
      int[] stages = new int[steps.size()];
      for (int k = 0; k < stages.length; k++) {
        stages[k] = plan.nodes()[k] < 0 ? in : schedule.stage(plan.nodes()[k]);
      }
      return DenseDatapathGenerator.build(plan.datapath(), in, out, stages);
    }
    int[] elements = new int[plan.nodes().length];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = schedule.stage(plan.nodes()[i]);
    }
    LayerStages stages = new LayerStages(in, out, elements);
    return layer.accept(new Layer.Visitor<LayerHardware>() {
      @Override
      public LayerHardware dense(Dense d) {
        throw new IllegalStateException("a dense layer has a datapath");
      }

      @Override
      public LayerHardware thresholds(Thresholds t) {
        return new ThresholdGenerator(t, stages).build();
      }

      @Override
      public LayerHardware linear(Activation.Linear a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware relu(Activation.Relu a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware clippedRelu(Activation.ClippedRelu a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware hardTanh(Activation.HardTanh a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware sigmoid(Activation.Sigmoid a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware tanh(Activation.Tanh a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware softmax(Activation.Softmax a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware argmax(Activation.Argmax a) {
        return new ActivationGenerator(a, stages).build();
      }

      @Override
      public LayerHardware conv(Conv c) {
        throw LayerGenerators.refusedSpatial("the pipelined network", c, "a convolution");
      }

      @Override
      public LayerHardware maxPool(MaxPool p) {
        throw LayerGenerators.refusedSpatial("the pipelined network", p, "a max pool");
      }

      @Override
      public LayerHardware globalPool(GlobalPool p) {
        throw LayerGenerators.refusedSpatial("the pipelined network", p, "a global pool");
      }
    });
  }
}
