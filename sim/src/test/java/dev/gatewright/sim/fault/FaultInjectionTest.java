package dev.gatewright.sim.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.sim.Engine;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.JavaSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Faults in registers, memories and nets, natively on the Java engine and through instrumentation. */
class FaultInjectionTest {

  private static final int CYCLES = 400;
  private static final FaultInstrumentation.Options WITH_NETS =
      FaultInstrumentation.Options.allRegisters().withNets((module, name) -> name.equals("sum"));

  private static long[] run(FaultSimulation sim, long[] frames, List<Fault> faults) {
    long[] out = new long[(frames.length / Simulator.frameSlots(sim.inputs())) * Simulator.frameSlots(sim.outputs())];
    sim.restart(2);
    sim.run(frames, out, faults);
    return out;
  }

  private static List<Fault> randomRegisterFaults(StateMap state, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Fault> faults = new ArrayList<>();
    List<StateMap.Register> registers = state.registers();
    for (int i = 0; i < count; i++) {
      StateMap.Register r = registers.get(random.nextInt(registers.size()));
      int bit = random.nextInt(r.width());
      long cycle = random.nextInt(CYCLES);
      faults.add(switch (random.nextInt(3)) {
        case 0 -> Fault.upset(r.name(), bit, cycle);
        case 1 -> new Fault.Register(r.name(), bit, Fault.Effect.ONE, cycle, 1 + random.nextInt(20));
        default -> Fault.stuckAt(r.name(), bit, false, cycle);
      });
    }
    return faults;
  }

  @Test
  void theStateMapNamesRegistersAndMemoriesAsTheJavaEngineDoes() {
    StateMap state = StateMap.of(FaultDesigns.TOP);
    try (JavaSimulator sim = new JavaSimulator(FaultDesigns.TOP)) {
      assertEquals(sim.registers(), state.registers().stream().map(StateMap.Register::name).toList());
      assertEquals(sim.memories(), state.memories().stream().map(StateMap.Memory::name).toList());
    }
    assertEquals(List.of("valid_q", "word_q", "u_first.q", "u_first.acc", "u_first.held", "u_second.q",
        "u_second.acc", "u_second.held"),
        state.registers().stream().map(StateMap.Register::name).toList());
    assertEquals(8 + 1 + 2 * (10 + 10 + 8), state.registerBits());
  }

  @Test
  void withoutFaultsBothMechanismsComputeWhatTheDesignDoes() {
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open();
        FaultSimulation instrumented = InstrumentedFaultSimulation.factory(FaultDesigns.TOP, WITH_NETS, Engine.JAVA).open();
        JavaSimulator reference = new JavaSimulator(FaultDesigns.TOP)) {
      long[] frames = FaultDesigns.frames(plain.inputs(), CYCLES, 3);
      long[] expected = new long[CYCLES * Simulator.frameSlots(reference.batchOutputs())];
      reference.reset(2);
      reference.runBatch(frames, expected);
      assertArrayEquals(expected, run(plain, frames, List.of()));
      assertArrayEquals(expected, run(instrumented, frames, List.of()));
    }
  }

  @Test
  void upsetsAndStuckBitsGiveTheSameOutputsNativelyAndThroughInstrumentation() {
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open();
        FaultSimulation instrumented = InstrumentedFaultSimulation.factory(FaultDesigns.TOP,
            FaultInstrumentation.Options.allRegisters(), Engine.JAVA).open()) {
      long[] frames = FaultDesigns.frames(plain.inputs(), CYCLES, 5);
      long[] clean = run(plain, frames, List.of());
      for (int seed = 0; seed < 20; seed++) {
        List<Fault> faults = randomRegisterFaults(plain.state(), 1 + seed % 4, seed);
        long[] natively = run(plain, frames, faults);
        assertArrayEquals(natively, run(instrumented, frames, faults), faults::toString);
      }
      List<Fault> one = List.of(Fault.upset("u_first.acc", 3, 17));
      assertFalse(Arrays.equals(clean, run(plain, frames, one)), "an upset of a running sum shows on y");
    }
  }

  @Test
  void anUpsetIsSeenByTheOutputsOfItsOwnCycleAndHeldUntilTheRegisterLoads() {
    try (FaultSimulation sim = NativeFaultSimulation.factory(FaultDesigns.TOP).open()) {
      int slots = Simulator.frameSlots(sim.inputs());
      long[] frames = new long[20 * slots]; // valid low: acc holds
      long[] clean = run(sim, frames, List.of());
      long[] upset = run(sim, frames, List.of(Fault.upset("u_second.acc", 4, 7)));
      int outSlots = Simulator.frameSlots(sim.outputs());
      for (int c = 0; c < 20; c++) {
        long difference = upset[c * outSlots] ^ clean[c * outSlots];
        assertEquals(c >= 7 ? 16 : 0, difference, "cycle " + c);
      }
    }
  }

  @Test
  void memoryWordsAreUpsetAndStuckOnTheJavaEngine() {
    try (FaultSimulation sim = NativeFaultSimulation.factory(FaultDesigns.TOP).open()) {
      int slots = Simulator.frameSlots(sim.inputs());
      long[] frames = new long[10 * slots];
      for (int c = 0; c < 10; c++) {
        frames[c * slots + 3] = 2; // address 2, valid low: the word stays 0 unless a fault sets it
      }
      int outSlots = Simulator.frameSlots(sim.outputs());
      long[] out = run(sim, frames, List.of(new Fault.MemoryWord("words", 2, 5, Fault.Effect.ONE, 3, Fault.PERMANENT)));
      assertEquals(0, out[3 * outSlots + 1], "word_q loads the stuck word one edge later");
      assertEquals(32, out[4 * outSlots + 1]);
      assertEquals(32, out[9 * outSlots + 1]);
    }
  }

  @Test
  void aNetStuckAtOneShowsWhereverItIsRead() {
    try (FaultSimulation sim = InstrumentedFaultSimulation.factory(FaultDesigns.TOP, WITH_NETS, Engine.JAVA).open()) {
      int slots = Simulator.frameSlots(sim.inputs());
      long[] frames = new long[10 * slots];
      int outSlots = Simulator.frameSlots(sim.outputs());
      long[] out = run(sim, frames, List.of(new Fault.Net("u_second.sum", 9, Fault.Effect.ONE, 4, 3)));
      for (int c = 0; c < 10; c++) {
        assertEquals(c >= 4 && c < 7 ? 512 : 0, out[c * outSlots], "cycle " + c);
      }
    }
  }

  @Test
  void faultsAMechanismCannotInjectAreNamed() {
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open();
        FaultSimulation instrumented = InstrumentedFaultSimulation.factory(FaultDesigns.TOP,
            FaultInstrumentation.Options.allRegisters(), Engine.JAVA).open()) {
      long[] frames = new long[4 * Simulator.frameSlots(plain.inputs())];
      long[] out = new long[4 * Simulator.frameSlots(plain.outputs())];
      IllegalArgumentException net = assertThrows(IllegalArgumentException.class,
          () -> plain.run(frames, out, List.of(new Fault.Net("u_first.sum", 0, Fault.Effect.ONE, 0, 1))));
      assertTrue(net.getMessage().contains("instrument the net"), net.getMessage());
      IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
          () -> instrumented.run(frames, out, List.of(new Fault.MemoryWord("words", 0, 0, Fault.Effect.FLIP, 0, 1))));
      assertTrue(memory.getMessage().startsWith("memory words is not instrumented"), memory.getMessage());
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> plain.run(frames, out, List.of(Fault.upset("u_third.q", 0, 0))));
      assertTrue(unknown.getMessage().startsWith("design faulty_top has no register 'u_third.q'"), unknown.getMessage());
      IllegalArgumentException bit = assertThrows(IllegalArgumentException.class,
          () -> instrumented.run(frames, out, List.of(Fault.upset("valid_q", 1, 0))));
      assertEquals("valid_q has 1 bits; there is no bit 1", bit.getMessage());
    }
  }

  @Test
  void instrumentedDesignsRunOnVerilatorWithTheJavaEnginesResults() {
    Assumptions.assumeTrue(Engine.VERILATOR.isAvailable(), Engine.VERILATOR.missing());
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open();
        FaultSimulation verilator = InstrumentedFaultSimulation.factory(FaultDesigns.TOP, WITH_NETS,
            Engine.VERILATOR).open()) {
      long[] frames = FaultDesigns.frames(plain.inputs(), CYCLES, 7);
      assertArrayEquals(run(plain, frames, List.of()), run(verilator, frames, List.of()));
      for (int seed = 100; seed < 110; seed++) {
        List<Fault> faults = randomRegisterFaults(plain.state(), 3, seed);
        assertArrayEquals(run(plain, frames, faults), run(verilator, frames, faults), faults::toString);
      }
    }
  }

  @Test
  void aCampaignRunsItsTasksOnEveryThreadInTaskOrder() {
    List<Integer> seeds = java.util.stream.IntStream.range(0, 12).boxed().toList();
    long[][] expected = new long[seeds.size()][];
    try (FaultSimulation sim = NativeFaultSimulation.factory(FaultDesigns.TOP).open()) {
      long[] frames = FaultDesigns.frames(sim.inputs(), 100, 1);
      for (int seed : seeds) {
        expected[seed] = run(sim, frames, randomRegisterFaults(sim.state(), 2, seed));
      }
    }
    List<long[]> results = CampaignPool.run(NativeFaultSimulation.factory(FaultDesigns.TOP), 2, seeds,
        (sim, seed) -> run(sim, FaultDesigns.frames(sim.inputs(), 100, 1), randomRegisterFaults(sim.state(), 2, seed)));
    for (int seed : seeds) {
      assertArrayEquals(expected[seed], results.get(seed), "task " + seed);
    }
  }
}
