package dev.gatewright.nn.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.timing.TimedGraph.Node;
import dev.gatewright.nn.timing.TimedGraph.Operand;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Registers placed for a clock: every stage fits, every path crosses the same registers, the latency is
 * the fewest stages, and the cuts cost no more flip-flops than placing everything as early as possible.
 */
class PipelineSchedulerTest {

  /** A model of plain numbers: a Word op of k levels takes k ns, registers cost nothing. */
  private static final DelayModel UNIT = new DelayModel("unit", DelayModel.Carry.RIPPLE, 0, 1, 0, 0, 0, 0, 0, 0);

  private static TimingOp levels(int k) {
    return new TimingOp.Word(0, k);
  }

  private static Operand all(TimedGraph g, int node) {
    Node n = g.node(node);
    return new Operand(node, 0, n.width(), n.signed());
  }

  @Test
  void theCutGoesWhereTheBusIsNarrowNotWhereTheFirstStageIsFull() {
    // in (2 bits) -> a (8 bits, 6 ns) -> b (40 bits, 3 ns) -> c (40 bits, 6 ns): 15 ns at a 10 ns clock
    TimedGraph g = new TimedGraph();
    int in = g.source("in", 2, false);
    int a = g.value("a", levels(6), List.of(all(g, in)), 8, false);
    int b = g.value("b", levels(3), List.of(all(g, a)), 40, false);
    int c = g.value("c", levels(6), List.of(all(g, b)), 40, false);
    g.sink(List.of(all(g, c)), List.of());
    PipelineSchedule early = PipelineScheduler.asSoonAsPossible(g, UNIT, 10);
    PipelineSchedule cut = PipelineScheduler.schedule(g, UNIT, 10);
    assertEquals(2, early.latency());
    assertEquals(2, cut.latency());
    assertEquals(1, early.stage(c));
    assertEquals(0, early.stage(b));
    assertEquals(40 + 40, early.registerBits(), "b registered, then c");
    assertEquals(0, cut.stage(a));
    assertEquals(1, cut.stage(b));
    assertEquals(8 + 40, cut.registerBits(), "a registered, then c");
    assertEquals("minimum register cuts", cut.method());
  }

  @Test
  void aValueReadByManyAfterTheCutIsRegisteredOnce() {
    TimedGraph g = new TimedGraph();
    int in = g.source("in", 30, false);
    int narrow = g.value("narrow", levels(8), List.of(all(g, in)), 3, false);
    List<Operand> outs = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      outs.add(all(g, g.value("wide" + k, levels(8), List.of(all(g, narrow)), 16, false)));
    }
    g.sink(outs, List.of());
    PipelineSchedule s = PipelineScheduler.schedule(g, UNIT, 10);
    assertEquals(2, s.latency());
    assertEquals(3 + 5 * 16, s.registerBits());
  }

  @Test
  void registersEveryKLevelsCutAChainOfNAddersIntoCeilNOverKStages() {
    for (int n = 1; n <= 9; n++) {
      for (int k = 1; k <= 4; k++) {
        TimedGraph g = new TimedGraph();
        int v = g.source("x", 8, false);
        int other = g.source("y", 8, false);
        for (int i = 0; i < n; i++) {
          int width = g.node(v).width() + 1;
          v = g.value("a" + i, new TimingOp.Add(0, false, 0, false, 0), List.of(all(g, v), all(g, other)), width, false);
        }
        g.sink(List.of(all(g, v)), List.of());
        assertEquals((n + k - 1) / k, PipelineScheduler.schedule(g, DelayModel.LEVELS, k).latency(), n + " adders, K " + k);
      }
    }
  }

  @Test
  void aNodeThatRegistersItsOutputIsReadAStageLater() {
    TimedGraph g = new TimedGraph();
    int in = g.source("in", 4, false);
    int r = g.value("softmax", levels(1), List.of(all(g, in)), 4, false, List.of(), true);
    int after = g.value("after", levels(1), List.of(all(g, r)), 4, false);
    g.sink(List.of(all(g, after)), List.of());
    PipelineSchedule s = PipelineScheduler.schedule(g, UNIT, 100);
    assertEquals(0, s.stage(r));
    assertEquals(1, s.readyStage(r));
    assertEquals(1, s.stage(after));
    assertEquals(2, s.latency());
  }

  @Test
  void aBoundaryKeepsALayersOutputsInOneStageAndTheNextLayerAfterIt() {
    TimedGraph g = new TimedGraph();
    int in = g.source("in", 4, false);
    int fast = g.value("fast", levels(1), List.of(all(g, in)), 4, false);
    int half = g.value("half", levels(6), List.of(all(g, in)), 4, false);
    int slow = g.value("slow", levels(6), List.of(all(g, half)), 4, false);
    int b = g.boundary("after layer 1", List.of(fast, slow));
    int next = g.value("next", levels(2), List.of(all(g, fast)), 4, false, List.of(b), false);
    g.sink(List.of(all(g, next), all(g, slow)), List.of());
    PipelineSchedule s = PipelineScheduler.schedule(g, UNIT, 10);
    assertEquals(1, s.stage(slow));
    assertEquals(1, s.stage(b), "the layer's outputs leave together, after its slowest");
    assertEquals(1, s.stage(next), "1 + 2 ns would fit stage 0, but the next layer starts after the boundary");
    assertEquals(2, s.latency());
  }

  @Test
  void anOperationSlowerThanTheClockGetsAStageOfItsOwnAndIsNamed() {
    TimedGraph g = new TimedGraph();
    int in = g.source("in", 4, false);
    int a = g.value("a", levels(3), List.of(all(g, in)), 4, false);
    int huge = g.value("huge", levels(30), List.of(all(g, a)), 4, false);
    g.sink(List.of(all(g, huge)), List.of());
    PipelineSchedule s = PipelineScheduler.schedule(g, UNIT, 10);
    assertEquals(List.of("huge"), s.tooSlow());
    assertEquals(2, s.latency());
    assertEquals(30, s.modelPeriodNs(), 1e-9, "the slowest stage: the node alone");
  }

  @Test
  void onRandomGraphsEveryStageFitsEveryPathIsBalancedAndTheCutsCostNoMoreThanAsap() {
    Random random = new Random(11);
    for (int trial = 0; trial < 150; trial++) {
      TimedGraph g = randomGraph(random, 6 + random.nextInt(40));
      DelayModel model = List.of(DelayModel.XC7, DelayModel.ICE40, DelayModel.SKY130).get(trial % 3);
      double period = 1.5 + random.nextInt(12) * 0.5;
      PipelineSchedule early = PipelineScheduler.asSoonAsPossible(g, model, period);
      PipelineSchedule s = PipelineScheduler.schedule(g, model, period);
      assertEquals(early.latency(), s.latency(), "trial " + trial);
      assertTrue(s.registerBits() <= early.registerBits(), "trial " + trial + ": " + s + " vs " + early);
      for (Node n : g.nodes()) {
        for (Operand o : n.operands()) {
          int limit = n.kind() == TimedGraph.Kind.SINK ? s.stage(n.id()) - 1 : s.stage(n.id());
          assertTrue(s.readyStage(o.node()) <= limit, "trial " + trial + ": " + n.name() + " reads a later value");
        }
      }
      if (s.tooSlow().isEmpty()) {
        assertTrue(s.modelPeriodNs() <= period + 1e-9, "trial " + trial + ": " + s);
      }
    }
  }

  /** Adders and word ops over a few inputs, each reading one or two random earlier values. */
  private static TimedGraph randomGraph(Random random, int size) {
    TimedGraph g = new TimedGraph();
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      values.add(g.source("x" + i, 4 + random.nextInt(12), random.nextBoolean()));
    }
    for (int k = 0; k < size; k++) {
      int a = values.get(random.nextInt(values.size()));
      int b = values.get(random.nextInt(values.size()));
      Node na = g.node(a);
      Node nb = g.node(b);
      if (random.nextInt(4) == 0) {
        values.add(g.value("w" + k, new TimingOp.Word(random.nextInt(10), random.nextInt(3)), List.of(all(g, a)),
            1 + random.nextInt(20), random.nextBoolean()));
      } else {
        int shift = random.nextInt(4);
        int width = Math.min(40, Math.max(na.width(), nb.width() + shift) + 1);
        values.add(g.value("a" + k, new TimingOp.Add(0, false, shift, random.nextBoolean(), 0),
            List.of(all(g, a), all(g, b)), width, true));
      }
    }
    List<Operand> outputs = new ArrayList<>();
    for (int k = values.size() - 3; k < values.size(); k++) {
      outputs.add(all(g, values.get(k)));
    }
    g.sink(outputs, List.of());
    return g;
  }
}
