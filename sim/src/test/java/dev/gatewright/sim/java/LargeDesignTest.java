package dev.gatewright.sim.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.examples.MacGrid;
import org.junit.jupiter.api.Test;

/**
 * A design of over 100,000 nodes compiles into many methods, each small enough for the JIT, in many
 * classes, and simulates exactly as the interpreter does.
 */
class LargeDesignTest {

  @Test
  void aHundredThousandNodeDesignCompilesIntoMethodsTheJitCompilesAndRunsExactly() {
    Component<Void> grid = new MacGrid(96, 96, 8, 24).build();
    CompiledDesign compiled = CompiledDesign.compile(grid, CompiledDesign.CHUNK_BUDGET);
    assertTrue(compiled.nodeCount() > 100_000, compiled.summary());
    ProgramCompiler.Statistics statistics = compiled.statistics();
    assertTrue(statistics.chunks() > 100 && statistics.classes() > 10, compiled.summary());
    assertTrue(statistics.largestMethod() <= ProgramCompiler.HUGE_METHOD, compiled.summary());

    long[] inputs = CompiledEngineTest.stimulus(grid, 3, 12);
    long[] expected = CompiledEngineTest.run(new InterpretedSimulator(grid), inputs);
    assertArrayEquals(expected, CompiledEngineTest.run(compiled.open(), inputs));
  }
}
