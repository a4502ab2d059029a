package dev.gatewright.sim.java;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.designs.SimDesigns;
import dev.gatewright.sim.Simulator;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSimulatorTest {

  @TempDir
  Path directory;

  @Test
  void counterCountsWhenEnabledAndResetsToItsInitialValue() {
    try (Simulator sim = new JavaSimulator(SimDesigns.counter())) {
      sim.reset();
      assertEquals(0, sim.peek("value"));
      sim.poke("enable", 1);
      sim.step(5);
      assertEquals(5, sim.peek("value"));
      sim.poke("enable", 0);
      sim.step(3);
      assertEquals(5, sim.peek("value"));
      sim.poke("enable", 1);
      sim.step(256);
      assertEquals(5, sim.peek("value"), "an 8-bit counter wraps after 256 cycles");
      sim.reset(2);
      assertEquals(0, sim.peek("value"));
      assertEquals(267, sim.cycle());
    }
  }

  @Test
  void combinationalOutputsFollowPokesWithoutAClock() {
    Component<Void> everything = SimDesigns.everyOperator();
    CombinationalReference reference = new CombinationalReference(everything);
    Random random = new Random(11);
    try (Simulator sim = new JavaSimulator(everything)) {
      for (int i = 0; i < 300; i++) {
        Map<String, BigInteger> inputs = new LinkedHashMap<>();
        for (SimPort port : sim.batchInputs()) {
          BigInteger value = new BigInteger(port.width(), random);
          inputs.put(port.name(), value);
          sim.poke(port.name(), value);
        }
        Map<String, BigInteger> expected = reference.evaluate(inputs);
        for (SimPort port : sim.batchOutputs()) {
          assertEquals(expected.get(port.name()), sim.peekBig(port.name()), port.name() + " for " + inputs);
        }
      }
    }
  }

  @Test
  void memoriesWriteOnTheEdgeAndSynchronousReadsLagOneCycle() {
    Component<Void> buffer = module("buffer", m -> {
      var write = m.input("write", bool());
      var address = m.input("address", uint(2));
      var data = m.input("data", uint(70));
      var memory = m.memory("words", 4, uint(70));
      when(write, () -> memory.write(address, data));
      m.output("now", uint(70)).assign(memory.readAsync(address));
      m.output("later", uint(70)).assign(memory.readSync(address));
    });
    BigInteger wide = BigInteger.ONE.shiftLeft(69).add(BigInteger.valueOf(5));
    try (Simulator sim = new JavaSimulator(buffer)) {
      sim.poke("write", 1);
      sim.poke("address", 2);
      sim.poke("data", wide);
      assertEquals(BigInteger.ZERO, sim.peekBig("now"), "the write happens on the edge");
      sim.step();
      assertEquals(wide, sim.peekBig("now"));
      assertEquals(BigInteger.ZERO, sim.peekBig("later"), "the synchronous read sampled the old word");
      sim.poke("write", 0);
      sim.step();
      assertEquals(wide, sim.peekBig("later"));
    }
  }

  @Test
  void hierarchyIsFlattenedWithRomsAndMemoriesPerInstance() {
    try (Simulator sim = new JavaSimulator(SimDesigns.hierarchy())) {
      sim.poke("write", 1);
      sim.poke("address", 3);
      sim.poke("data", 5);
      sim.step();
      sim.poke("write", 0);
      sim.step();
      // a.words[3] = 5, b.words[3] = ~5 = 10; low reads the registered word, high the word at ~3 = 4 (0)
      long expected = (25 + 0) + (100 + 0);
      assertEquals(expected, sim.peek("total"));
    }
  }

  @Test
  void batchRunsEqualTheSameStepsOneByOne() {
    Component<Void> fir = SimDesigns.fir();
    Random random = new Random(5);
    int cycles = 200;
    try (Simulator batch = new JavaSimulator(fir); Simulator single = new JavaSimulator(fir)) {
      int in = Simulator.frameSlots(batch.batchInputs());
      int out = Simulator.frameSlots(batch.batchOutputs());
      long[] inputs = new long[cycles * in];
      long[] expected = new long[cycles * out];
      for (int c = 0; c < cycles; c++) {
        long reset = c < 2 ? 1 : 0;
        long x = random.nextInt(256);
        inputs[c * in] = reset;
        inputs[c * in + 1] = x;
        single.poke("rst", reset);
        single.poke("x", x);
        single.step();
        expected[c * out] = single.peek("y");
      }
      long[] actual = new long[cycles * out];
      assertEquals(cycles, batch.runBatch(inputs, actual));
      assertArrayEquals(expected, actual);
    }
  }

  @Test
  void wideRegistersAndArithmeticAboveSixtyFourBits() {
    Component<Void> accumulator = module("wide_acc", m -> {
      var x = m.input("x", uint(100));
      var acc = m.reg("acc", uint(100)).init(0);
      acc.assign(acc.add(x).resize(uint(100), Overflow.WRAP));
      m.output("y", uint(100)).assign(acc);
    });
    BigInteger x = BigInteger.ONE.shiftLeft(99).add(BigInteger.valueOf(12345));
    try (Simulator sim = new JavaSimulator(accumulator)) {
      sim.reset();
      sim.poke("x", x);
      sim.step(3);
      assertEquals(Eval.toBits(x.multiply(BigInteger.valueOf(3)), 100), sim.peekBig("y"));
    }
  }

  @Test
  void writesAWaveformWithEveryNamedSignal() throws Exception {
    Path vcd = directory.resolve("counter.vcd");
    try (Simulator sim = new JavaSimulator(SimDesigns.counter())) {
      sim.traceTo(vcd);
      sim.reset();
      sim.poke("enable", 1);
      sim.step(4);
    }
    String text = Files.readString(vcd);
    assertTrue(text.contains("$var wire 8 ") && text.contains(" count [7:0] $end"), text);
    assertTrue(text.contains("$var wire 1 ") && text.contains(" enable $end"), text);
    assertTrue(text.contains("b100 "), "count reaches 4:\n" + text);
  }

  @Test
  void pokingAnUnknownOrOutputPortIsAClearError() {
    try (Simulator sim = new JavaSimulator(SimDesigns.counter())) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.poke("enabled", 1));
      assertTrue(unknown.getMessage().contains("has no port 'enabled'"), unknown.getMessage());
      IllegalArgumentException output = assertThrows(IllegalArgumentException.class, () -> sim.poke("value", 1));
      assertTrue(output.getMessage().contains("only inputs can be poked"), output.getMessage());
    }
  }
}
