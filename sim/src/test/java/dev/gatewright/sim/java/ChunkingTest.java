package dev.gatewright.sim.java;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UInt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chunks are cut by an estimate of their bytecode that must never fall short: a method above 8,000
 * bytes would run interpreted for ever (HotSpot's DontCompileHugeMethods), so the estimate is an upper
 * bound for every pass, every budget and every kind of item.
 */
class ChunkingTest {

  private static final int[] BUDGETS = {ProgramPlan.MIN_BUDGET, 700, 2_500, CompiledDesign.CHUNK_BUDGET, 7_500};

  @Test
  void noChunkOfAnyPassIsLargerThanItsEstimate() {
    List<Component<?>> designs = new ArrayList<>();
    for (long seed = 500; seed < 530; seed++) {
      designs.add(RandomNetlists.generate(seed, 80, true));
    }
    designs.add(registerChain(400, false));
    designs.add(registerChain(400, true));
    for (Component<?> design : designs) {
      for (int budget : BUDGETS) {
        CompiledDesign compiled = CompiledDesign.compile(design, budget);
        compiled.trace();
        for (ProgramCompiler.Statistics statistics : List.of(compiled.statistics(), compiled.traceStatistics())) {
          String where = design.name() + " at budget " + budget + ": " + statistics;
          assertEquals(0, statistics.underestimated(), where);
          assertTrue(statistics.largestMethod() <= ProgramCompiler.HUGE_METHOD, where);
        }
      }
    }
  }

  @Test
  void longRegisterChainsWithEnablesAndResetsSimulateExactly() {
    for (boolean enabled : new boolean[] {false, true}) {
      Component<Void> chain = registerChain(400, enabled);
      long[] inputs = CompiledEngineTest.stimulus(chain, 9, 600);
      long[] expected = CompiledEngineTest.run(new InterpretedSimulator(chain), inputs);
      for (int budget : BUDGETS) {
        assertArrayEquals(expected, CompiledEngineTest.run(CompiledDesign.compile(chain, budget).open(), inputs),
            "chain with enables " + enabled + ", budget " + budget);
      }
    }
  }

  /** {@code stages} registers in a row (every other one with a reset value), each with an enable if asked. */
  static Component<Void> registerChain(int stages, boolean enabled) {
    return module("chain_" + stages + (enabled ? "_enabled" : ""), m -> {
      UInt value = m.input("x", uint(8));
      Bool enable = m.input("enable", bool());
      for (int i = 0; i < stages; i++) {
        UInt stage = m.reg("s" + i, uint(8));
        if (i % 2 == 0) {
          stage.init(i % 256);
        }
        if (enabled) {
          stage.enable(enable);
        }
        stage.assign(value);
        value = stage;
      }
      m.output("y", uint(8)).assign(value);
    });
  }
}
