package dev.gatewright.sim.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled engine against the interpreter it replaces and against the IR's own semantics
 * ({@link Eval}), on random netlists with every operation, wide values, memories, ROMs and instances;
 * each design compiled twice: in chunks of the default size, and cut into as many chunks as possible
 * (so that values cross methods, next values wait for the end of the edge, and drivers call drivers).
 */
class CompiledEngineTest {

  private static final int TINY_CHUNKS = ProgramPlan.MIN_BUDGET;

  @TempDir
  Path directory;

  @Test
  void matchesTheInterpreterCycleByCycleOnRandomSequentialNetlists() {
    for (long seed = 1; seed <= 120; seed++) {
      Component<Void> design = RandomNetlists.generate(seed, 40, true);
      long[] inputs = stimulus(design, seed, 300);
      long[] expected = run(new InterpretedSimulator(design), inputs);
      for (int budget : new int[] {CompiledDesign.CHUNK_BUDGET, TINY_CHUNKS}) {
        long[] actual = run(CompiledDesign.compile(design, budget).open(), inputs);
        assertSameFrames(design, seed, budget, expected, actual);
      }
    }
  }

  @Test
  void combinationalNetlistsFollowTheIrSemantics() {
    for (long seed = 1000; seed < 1100; seed++) {
      Component<Void> design = RandomNetlists.generate(seed, 60, false);
      Random random = new Random(seed);
      try (Simulator compiled = CompiledDesign.compile(design, seed % 2 == 0 ? TINY_CHUNKS : 6_000).open()) {
        for (int vector = 0; vector < 40; vector++) {
          BigInteger[] values = new BigInteger[design.nodes().size()];
          for (Port port : design.inputs()) {
            BigInteger value = value(random, port.type().width());
            values[port.node()] = value;
            compiled.poke(port.name(), value);
          }
          evaluate(design, values);
          for (Port port : design.outputs()) {
            assertEquals(values[port.node()], compiled.peekBig(port.name()),
                "seed " + seed + ", output " + port.name() + ", vector " + vector);
          }
        }
      }
    }
  }

  @Test
  void pokesStepsResetsAndPeeksMatchTheInterpreter() {
    for (long seed = 200; seed < 240; seed++) {
      Component<Void> design = RandomNetlists.generate(seed, 30, true);
      Random random = new Random(seed);
      try (Simulator reference = new InterpretedSimulator(design);
          Simulator compiled = CompiledDesign.compile(design, TINY_CHUNKS).open()) {
        for (int action = 0; action < 200; action++) {
          switch (random.nextInt(6)) {
            case 0, 1 -> {
              SimPort port = reference.batchInputs().get(random.nextInt(reference.batchInputs().size()));
              BigInteger value = value(random, port.width());
              reference.poke(port.name(), value);
              compiled.poke(port.name(), value);
            }
            case 2 -> {
              int cycles = 1 + random.nextInt(3);
              reference.step(cycles);
              compiled.step(cycles);
            }
            case 3 -> {
              reference.reset(1);
              compiled.reset(1);
            }
            default -> {
              for (SimPort port : reference.batchOutputs()) {
                String where = "seed " + seed + ", action " + action + ", " + port.name();
                assertEquals(reference.peekBig(port.name()), compiled.peekBig(port.name()), where);
                if (port.width() <= 64) {
                  assertEquals(reference.peekSigned(port.name()), compiled.peekSigned(port.name()), where);
                }
              }
            }
          }
        }
        assertEquals(reference.cycle(), compiled.cycle());
      }
    }
  }

  @Test
  void waveformsAreTheInterpretersByteForByte() throws Exception {
    for (long seed = 300; seed < 310; seed++) {
      Component<Void> design = RandomNetlists.generate(seed, 40, true);
      long[] inputs = stimulus(design, seed, 50);
      Path expected = directory.resolve("interpreter-" + seed + ".vcd");
      Path actual = directory.resolve("compiled-" + seed + ".vcd");
      try (Simulator reference = new InterpretedSimulator(design);
          Simulator compiled = CompiledDesign.compile(design, TINY_CHUNKS).open()) {
        reference.traceTo(expected);
        compiled.traceTo(actual);
        run(reference, inputs);
        run(compiled, inputs);
      }
      assertEquals(Files.readString(expected), Files.readString(actual), "waveform of seed " + seed);
    }
  }

  @Test
  void simulationsOfOneComponentShareItsCompiledClasses() {
    Component<Void> design = RandomNetlists.generate(7, 30, true);
    try (JavaSimulator first = new JavaSimulator(design); JavaSimulator second = new JavaSimulator(design)) {
      assertSame(first.design(), second.design());
      assertSame(first.design().edge, second.design().edge);
    }
    CompiledDesign compiled = CompiledDesign.of(design);
    assertTrue(compiled.summary().contains("nodes in"), compiled.summary());
  }

  @Test
  void aCombinationalLoopInARawNetlistIsAnErrorNamingASignal() {
    // elaboration rejects loops; a component assembled from raw IR parts is not checked
    UIntType byteType = UIntType.of(8);
    List<Node> nodes = List.of(
        Node.declared(Op.INPUT, byteType, "x", null).placedAt(0),
        Node.declared(Op.WIRE, byteType, "a", null).placedAt(1).driven(new int[] {2}, null),
        Node.operation(Op.ADD, byteType, 0, 1).placedAt(2),
        Node.declared(Op.OUTPUT, byteType, "y", null).placedAt(3).driven(new int[] {2}, null));
    Component<Void> loop = new Component<>(new Component.Parts("loop", null, nodes,
        List.of(new Port("x", Port.Direction.IN, byteType, 0, null), new Port("y", Port.Direction.OUT, byteType, 3, null)),
        List.of(), List.of(), List.of(), false, false, false, new int[] {0, 1, 2, 3}, List.of(), null));
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> new JavaSimulator(loop));
    assertTrue(error.getMessage().startsWith("combinational loop across the hierarchy of loop through "),
        error.getMessage());
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Batch frames of random values (often 0 or all ones); the reset, if any, asserted in the first cycles and now and then. */
  static long[] stimulus(Component<?> design, long seed, int cycles) {
    try (Simulator probe = CompiledDesign.of(design).open()) {
      List<SimPort> ports = probe.batchInputs();
      Random random = new Random(seed * 31 + 7);
      int slots = Simulator.frameSlots(ports);
      long[] frames = new long[Math.max(1, slots) * cycles];
      for (int c = 0; c < cycles; c++) {
        int offset = c * slots;
        for (int p = 0; p < ports.size(); p++) {
          SimPort port = ports.get(p);
          BigInteger value = value(random, port.width());
          for (int s = 0; s < port.slots(); s++) {
            frames[offset + s] = value.shiftRight(64 * s).longValue();
          }
          if (p == 0 && design.hasReset()) {
            boolean asserted = c < 2 || random.nextInt(30) == 0;
            frames[offset] = asserted != design.resetActiveLow() ? 1 : 0;
          }
          offset += port.slots();
        }
      }
      return frames;
    }
  }

  static BigInteger value(Random random, int width) {
    return switch (random.nextInt(5)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> Eval.mask(width);
      case 2 -> BigInteger.ONE.shiftLeft(width - 1);
      default -> new BigInteger(width, random);
    };
  }

  static long[] run(Simulator simulator, long[] inputs) {
    try (simulator) {
      int in = Simulator.frameSlots(simulator.batchInputs());
      int out = Simulator.frameSlots(simulator.batchOutputs());
      long[] outputs = new long[inputs.length / Math.max(1, in) * out];
      if (in == 0) {
        fail("a random netlist has inputs");
      }
      simulator.runBatch(inputs, outputs);
      return outputs;
    }
  }

  private static void assertSameFrames(Component<?> design, long seed, int budget, long[] expected, long[] actual) {
    for (int k = 0; k < expected.length; k++) {
      if (expected[k] != actual[k]) {
        try (Simulator probe = new InterpretedSimulator(design)) {
          int slots = Simulator.frameSlots(probe.batchOutputs());
          fail("random netlist " + seed + " (chunk budget " + budget + "): cycle " + k / slots + ", output slot "
              + k % slots + " of " + probe.batchOutputs() + ": interpreter " + Long.toHexString(expected[k])
              + ", compiled " + Long.toHexString(actual[k]));
        }
      }
    }
  }

  /** Evaluates a flat combinational netlist in node order (its nodes were made operands first). */
  private static void evaluate(Component<?> design, BigInteger[] values) {
    for (Node node : design.nodes()) {
      if (node.op() == Op.INPUT) {
        continue;
      }
      BigInteger[] args = new BigInteger[node.argCount()];
      int[] widths = new int[node.argCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = values[node.arg(i)];
        widths[i] = design.node(node.arg(i)).width();
      }
      values[node.id()] = Eval.apply(node, args, widths);
    }
  }
}
