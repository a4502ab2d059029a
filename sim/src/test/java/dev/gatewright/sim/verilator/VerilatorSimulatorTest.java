package dev.gatewright.sim.verilator;

import static dev.gatewright.sim.verilator.TestDesigns.assumeVerilator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerilatorSimulatorTest {

  @BeforeEach
  void needsVerilator() {
    assumeVerilator();
  }

  @Test
  void counterCountsEnabledRisingEdgesAfterReset() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      sim.reset(2);
      assertEquals(0, sim.peek("count"));
      sim.poke("en", 1);
      sim.step(5);
      assertEquals(5, sim.peek("count"));
      sim.poke("en", 0);
      sim.step(3);
      assertEquals(5, sim.peek("count"));
      assertEquals(10, sim.cycle());
    }
  }

  @Test
  void pokeIsSampledAtTheNextRisingEdgeAndNotBefore() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      sim.reset();
      sim.poke("en", 1);
      assertEquals(0, sim.peek("count"), "a register does not change before the edge");
      sim.step();
      assertEquals(1, sim.peek("count"), "the edge sampled en=1");
      sim.poke("en", 0);
      sim.step();
      assertEquals(1, sim.peek("count"), "the edge sampled en=0");
    }
  }

  @Test
  void resetIsSynchronousAndReleasedAfterItsCycles() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      sim.poke("en", 1);
      sim.step(7);
      assertEquals(7, sim.peek("count"));
      sim.reset(3);
      assertEquals(0, sim.peek("count"), "en stays 1 but rst wins while held");
      sim.step();
      assertEquals(1, sim.peek("count"), "reset is released after its cycles");
    }
  }

  @Test
  void combinationalOutputsFollowTheRegistersAfterAStep() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      sim.reset();
      sim.poke("en", 1);
      sim.step(254);
      assertEquals(0, sim.peek("at_max"));
      sim.step();
      assertEquals(255, sim.peek("count"));
      assertEquals(1, sim.peek("at_max"));
      sim.step();
      assertEquals(0, sim.peek("count"), "8 bits wrap");
    }
  }

  @Test
  void dotProductMatchesJavaOnSignedEdgeValuesWithOneCycleOfLatency() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.dot16())) {
      sim.reset(1);
      long[][] cases = {{-128, -128}, {127, 127}, {-128, 127}, {-1, 1}, {0, -128}};
      for (long[] c : cases) {
        long[] a = new long[16];
        long[] b = new long[16];
        java.util.Arrays.fill(a, c[0]);
        java.util.Arrays.fill(b, c[1]);
        poke(sim, a, b);
        sim.step();
        assertEquals(dot(a, b), sim.peekSigned("y"), "a=" + c[0] + " b=" + c[1]);
      }
      Random random = new Random(7);
      for (int n = 0; n < 200; n++) {
        long[] a = randomBytes(random);
        long[] b = randomBytes(random);
        poke(sim, a, b);
        sim.step();
        assertEquals(dot(a, b), sim.peekSigned("y"));
      }
    }
  }

  @Test
  void activeLowResetClearsTheDotProductRegister() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.dot16())) {
      sim.poke("rst_n", 1);
      long[] ones = new long[16];
      java.util.Arrays.fill(ones, 1);
      poke(sim, ones, ones);
      sim.step();
      assertEquals(16, sim.peek("y"));
      sim.reset();
      assertEquals(0, sim.peek("y"));
      assertEquals(1, sim.peek("rst_n"), "reset released: rst_n back to 1");
    }
  }

  @Test
  void widePortsCarryAllTheirBitsBothWays() {
    BigInteger allOnes = BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE);
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.adder100())) {
      sim.poke("a", allOnes);
      sim.poke("b", BigInteger.ONE);
      assertEquals(allOnes, sim.peekBig("a"), "a wide input reads back");
      assertEquals(-2L, sim.peek("low_xor"), "a 64-bit output is a full long");
      sim.step();
      assertEquals(BigInteger.ONE.shiftLeft(100), sim.peekBig("sum"), "the carry reaches bit 100");

      BigInteger x = new BigInteger("9abcdef0123456789abcdef01", 16);
      BigInteger y = new BigInteger("fedcba9876543210fedcba987", 16);
      sim.poke("a", x);
      sim.poke("b", y);
      sim.step();
      assertEquals(x.add(y), sim.peekBig("sum"));
      sim.poke("a", BigInteger.ONE.negate());
      sim.poke("b", BigInteger.ZERO);
      sim.step();
      assertEquals(allOnes, sim.peekBig("sum"), "-1 pokes as all ones");
    }
  }

  @Test
  void combinationalDesignSettlesOnPeekWithoutAClock() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.comb())) {
      sim.poke("a", 0xF0F0);
      sim.poke("b", 0xFF00);
      sim.poke("sel", 1);
      assertEquals(0x0FF0, sim.peek("y"));
      assertEquals(0xF0F0 + 0xFF00, sim.peek("total"));
      assertEquals(0, sim.peek("equal"));
      sim.poke("sel", 0);
      assertEquals(0xF000, sim.peek("y"));
      sim.poke("b", 0xF0F0);
      assertEquals(1, sim.peek("equal"));
      sim.step(3);
      assertEquals(3, sim.cycle(), "a step of a combinational design evaluates and counts");
      sim.reset();
    }
  }

  @Test
  void batchEqualsStepByStepOnTheDotProduct() {
    NativeDesign design = TestDesigns.dot16();
    int cycles = 10_000;
    Random random = new Random(42);
    try (VerilatorSimulator batch = TestDesigns.open(design);
        VerilatorSimulator stepwise = TestDesigns.open(design)) {
      BatchLayout layout = batch.layout();
      assertEquals(33, layout.inputSlots(), "rst_n and 32 operands; no clk");
      long[] in = new long[cycles * layout.inputSlots()];
      for (int c = 0; c < cycles; c++) {
        for (int s = 0; s < layout.inputSlots(); s++) {
          in[c * layout.inputSlots() + s] = s == 0 ? (c % 97 == 0 ? 0 : 1) : random.nextInt(256);
        }
      }
      long[] out = batch.runBatch(in);

      long[] expected = new long[cycles * layout.outputSlots()];
      for (int c = 0; c < cycles; c++) {
        for (PortInfo port : layout.inputs()) {
          stepwise.poke(port.name(), in[c * layout.inputSlots() + layout.inputOffset(port.name())]);
        }
        stepwise.step();
        expected[c * layout.outputSlots() + layout.outputOffset("y")] = stepwise.peek("y");
      }
      assertArrayEquals(expected, out);
      assertEquals(cycles, batch.cycle());
    }
  }

  @Test
  void batchEqualsStepByStepWithWidePorts() {
    NativeDesign design = TestDesigns.adder100();
    int cycles = 1000;
    Random random = new Random(3);
    try (VerilatorSimulator batch = TestDesigns.open(design);
        VerilatorSimulator stepwise = TestDesigns.open(design)) {
      BatchLayout layout = batch.layout();
      assertEquals(4, layout.inputSlots());
      assertEquals(3, layout.outputSlots(), "sum takes two slots, low_xor one");
      long[] in = new long[cycles * layout.inputSlots()];
      List<BigInteger[]> operands = new ArrayList<>();
      for (int c = 0; c < cycles; c++) {
        BigInteger a = new BigInteger(100, random);
        BigInteger b = c % 10 == 0 ? BigInteger.ONE.shiftLeft(100).subtract(a) : new BigInteger(100, random);
        operands.add(new BigInteger[] {a, b});
        BatchLayout.putWide(in, c * 4 + layout.inputOffset("a"), 100, a);
        BatchLayout.putWide(in, c * 4 + layout.inputOffset("b"), 100, b);
      }
      long[] out = batch.runBatch(in);
      for (int c = 0; c < cycles; c++) {
        stepwise.poke("a", operands.get(c)[0]);
        stepwise.poke("b", operands.get(c)[1]);
        stepwise.step();
        BigInteger sum = BatchLayout.getWide(out, c * 3 + layout.outputOffset("sum"), 101);
        assertEquals(stepwise.peekBig("sum"), sum, "cycle " + c);
        assertEquals(operands.get(c)[0].add(operands.get(c)[1]), sum, "cycle " + c);
        assertEquals(stepwise.peek("low_xor"), out[c * 3 + layout.outputOffset("low_xor")]);
      }
    }
  }

  @Test
  void batchThroughDirectBuffersAdvancesTheirPositions() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      BatchLayout layout = sim.layout();
      LongBuffer in = sim.allocateInputs(300);
      LongBuffer out = sim.allocateOutputs(300);
      for (int c = 0; c < 300; c++) {
        in.put(c == 0 ? 1 : 0).put(1);  // rst, en
      }
      in.flip();
      assertEquals(200, sim.runBatch(200, in, out));
      assertEquals(400, in.position());
      assertEquals(400, out.position());
      assertEquals(100, sim.runBatch(100, in, out));
      out.flip();
      int count = layout.outputOffset("count");
      assertEquals(0, out.get(count), "cycle 0 is in reset");
      assertEquals(1, out.get(layout.outputSlots() + count));
      assertEquals(299 % 256, out.get(299 * layout.outputSlots() + count));
    }
  }

  @Test
  void pokesThatCannotBeHardwareAreRejectedWhereTheyAreMade() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      assertThrows(IllegalArgumentException.class, () -> sim.poke("count", 1), "an output");
      assertThrows(IllegalArgumentException.class, () -> sim.poke("clk", 1), "the clock");
      assertThrows(IllegalArgumentException.class, () -> sim.poke("en", 2), "too wide");
      assertThrows(IllegalArgumentException.class, () -> sim.poke("nope", 0), "no such port");
      sim.poke("en", -1);
      assertEquals(1, sim.peek("en"), "-1 is the 1-bit pattern 1");
    }
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.adder100())) {
      assertThrows(IllegalArgumentException.class, () -> sim.peek("sum"), "wide: use peekBig");
      assertThrows(IllegalArgumentException.class, () -> sim.poke("a", BigInteger.ONE.shiftLeft(100)));
    }
  }

  @Test
  void closedSimulatorRefusesCallsAndClosesOnce() {
    VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter());
    sim.close();
    sim.close();
    assertThrows(IllegalStateException.class, () -> sim.step());
    assertThrows(IllegalStateException.class, () -> sim.peek("count"));
  }

  @Test
  void twoSimulatorsOnTwoThreadsRunIndependently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Long>> tasks = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int enabledEvery = t + 1;
        tasks.add(() -> {
          try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
            sim.reset();
            long expected = 0;
            for (int c = 0; c < 20_000; c++) {
              boolean enabled = c % enabledEvery == 0;
              sim.poke("en", enabled ? 1 : 0);
              sim.step();
              expected = enabled ? (expected + 1) & 0xFF : expected;
              if (sim.peek("count") != expected) {
                throw new AssertionError("cycle " + c + ": " + sim.peek("count") + " != " + expected);
              }
            }
            return sim.peek("count");
          }
        });
      }
      List<Future<Long>> results = pool.invokeAll(tasks);
      assertEquals(20_000 % 256, results.get(0).get());
      assertEquals(10_000 % 256, results.get(1).get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void vcdIsWrittenWithThePortNamesAndEveryCycle(@TempDir Path dir) throws Exception {
    Path vcd = dir.resolve("waves/counter.vcd");
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.counter())) {
      sim.traceTo(vcd);
      sim.reset();
      sim.poke("en", 1);
      sim.step(4);
      sim.closeTrace();
      sim.step(4);
    }
    String text = Files.readString(vcd);
    for (String port : List.of("clk", "rst", "en", "count", "at_max")) {
      assertTrue(text.matches("(?s).*\\$var wire +\\d+ \\S+ " + port + "\\b.*"), "declares " + port);
    }
    assertTrue(text.contains("#50"), "5 cycles of 10 time units");
    assertFalse(text.contains("#60"), "nothing after closeTrace");
  }

  @Test
  void aSecondVcdCanBeOpenedAfterTheFirstIsClosed(@TempDir Path dir) throws Exception {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.adder100())) {
      sim.traceTo(dir.resolve("one.vcd"));
      sim.step(2);
      sim.closeTrace();
      sim.traceTo(dir.resolve("two.vcd"));
      sim.poke("a", BigInteger.ONE.shiftLeft(99));
      sim.step(2);
    }
    String two = Files.readString(dir.resolve("two.vcd"));
    assertTrue(two.contains(" sum [100:0]"), "declares the 101-bit port");
    assertTrue(two.contains("#30") && two.contains("#40"), "continues the time line of the first");
  }

  @Test
  void tracingNeedsATraceBuild(@TempDir Path dir) {
    VerilatorLibrary plain = VerilatorBuild.withDefaultCache().build(TestDesigns.comb());
    try (VerilatorSimulator sim = VerilatorSimulator.open(plain)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.traceTo(dir.resolve("x.vcd")));
      assertTrue(e.getMessage().contains("withTrace(true)"), e.getMessage());
      sim.poke("a", 3);
      assertEquals(3, sim.peek("total"));
    }
  }

  @Test
  void stopInTheDesignBecomesAnExceptionNotAnExit() {
    try (VerilatorSimulator sim = TestDesigns.open(TestDesigns.stopper())) {
      sim.step(3);
      sim.poke("halt", 1);
      VerilatorSimulationException e = assertThrows(VerilatorSimulationException.class, () -> sim.step());
      assertTrue(e.getMessage().contains("$stop"), e.getMessage());
      assertTrue(e.getMessage().contains("stopper.sv"), e.getMessage());
      assertThrows(VerilatorSimulationException.class, () -> sim.step(), "a failed model stays failed");
    }
  }

  @Test
  void aDesignThatStopsWhileStartingFailsToOpen() {
    NativeDesign design = NativeDesign.of("initial_stop", List.of(TestDesigns.source("initial_stop.sv")),
        List.of(PortInfo.in("a", 1), PortInfo.out("y", 1)));
    VerilatorLibrary library = VerilatorBuild.withDefaultCache().build(design);
    VerilatorSimulationException e = assertThrows(VerilatorSimulationException.class,
        () -> VerilatorSimulator.open(library));
    assertTrue(e.getMessage().contains("could not start") && e.getMessage().contains("$stop"), e.getMessage());
  }

  private static void poke(VerilatorSimulator sim, long[] a, long[] b) {
    for (int i = 0; i < 16; i++) {
      sim.poke("a" + i, a[i]);
      sim.poke("b" + i, b[i]);
    }
  }

  private static long dot(long[] a, long[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (byte) a[i] * (long) (byte) b[i];
    }
    return sum;
  }

  private static long[] randomBytes(Random random) {
    long[] values = new long[16];
    for (int i = 0; i < 16; i++) {
      values[i] = random.nextInt(256) - 128;
    }
    return values;
  }
}
