package dev.gatewright.nn.arith;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Hdl;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bit heap sums its bits exactly through its counters: a popcount of any width, and shifted operands of
 * several widths with single bits among them, on both engines; its hardware is lint-clean and the same every time.
 */
@ExtendWith(CoSimulationExtension.class)
class BitHeapTest {

  @TempDir Path directory;

  /** {@code x} in, its sum registered out. */
  static final class HeapIo extends Bundle {
    final UInt x;
    final UInt y;

    HeapIo(int in, int out) {
      x = input("x", uint(in));
      y = output("y", uint(out));
    }
  }

  private static Component<HeapIo> popcounter(int n) {
    BundleType<HeapIo> io = bundle(() -> new HeapIo(n, BitHeap.bitsFor(n)));
    return Hdl.module("popcount" + n, io, (m, p) -> {
      List<Bool> bits = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        bits.add(p.x.bit(i));
      }
      p.y.assign(m.reg("sum", BitHeap.popcount(bits)));
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 64, 100, 784})
  void popcountIsTheNumberOfSetBits(int n) {
    CoSimulation<HeapIo> check = CoSimulation.of(popcounter(n)).latency(1)
        .golden((io, in, out) -> out.set(io.y, in.get(io.x).bitCount()));
    BigInteger ones = BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
    BigInteger alternating = BigInteger.ZERO;
    for (int i = 0; i < n; i += 2) {
      alternating = alternating.setBit(i);
    }
    for (BigInteger corner : List.of(BigInteger.ZERO, ones, alternating, ones.xor(alternating), BigInteger.ONE)) {
      check.vector((io, v) -> v.set(io.x, corner));
    }
    Random random = new Random(n);
    for (int k = 0; k < 300; k++) {
      double density = random.nextDouble();
      BigInteger x = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        x = random.nextDouble() < density ? x.setBit(i) : x;
      }
      BigInteger value = x;
      check.vector((io, v) -> v.set(io.x, value));
    }
    check.check(n == 100 ? Engine.VERILATOR : Engine.JAVA);
  }

  /** Operands a (7 bits) at 2^0, b (5 bits) at 2^3, c (9 bits) at 2^1, and the 11 bits of d each at its own weight. */
  private static Component<HeapIo> mixedHeap() {
    BundleType<HeapIo> io = bundle(() -> new HeapIo(32, 12));
    return Hdl.module("heap", io, (m, p) -> {
      BitHeap heap = new BitHeap().add(p.x.slice(6, 0), 0).add(p.x.slice(11, 7), 3).add(p.x.slice(20, 12), 1);
      for (int i = 0; i < 11; i++) {
        heap.add(p.x.bit(21 + i), WEIGHTS[i]);
      }
      p.y.assign(m.reg("sum", heap.sum(12)));
    });
  }

  private static final int[] WEIGHTS = {0, 0, 0, 1, 1, 2, 4, 4, 4, 5, 7};

  private static long mixedSum(long x) {
    long sum = (x & 0x7f) + (((x >> 7) & 0x1f) << 3) + (((x >> 12) & 0x1ff) << 1);
    for (int i = 0; i < 11; i++) {
      sum += ((x >> (21 + i)) & 1) << WEIGHTS[i];
    }
    return sum;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void shiftedOperandsAndSingleBitsSumExactly(Engine engine) {
    assertEquals(127 + 31 * 8 + 511 * 2 + 3 + 2 * 2 + 4 + 3 * 16 + 32 + 128, mixedSum(0xffffffffL),
        "the largest sum fits 12 bits");
    CoSimulation<HeapIo> check = CoSimulation.of(mixedHeap()).latency(1)
        .golden((io, in, out) -> out.set(io.y, mixedSum(in.get(io.x).longValueExact())));
    for (long corner : new long[] {0, 0xffffffffL, 0xaaaaaaaaL, 0x55555555L, 1L << 31}) {
      check.vector((io, v) -> v.set(io.x, corner));
    }
    Random random = new Random(7);
    for (int k = 0; k < 2000; k++) {
      long x = random.nextLong() & 0xffffffffL;
      check.vector((io, v) -> v.set(io.x, x));
    }
    check.check(engine);
  }

  @Test
  void theHardwareIsLintCleanAndTheSameEveryTime() {
    assertCleanInAllTools(popcounter(784), directory.resolve("popcount"));
    assertCleanInAllTools(mixedHeap(), directory.resolve("heap"));
    assertDeterministic(() -> popcounter(100));
    assertDeterministic(BitHeapTest::mixedHeap);
  }

  @Test
  void weightsAndWidthsOutsideTheirRangeAreRefused() {
    Hdl.module("refusals", m -> {
      Bool bit = m.input("b", bool());
      assertThrows(IllegalArgumentException.class, () -> new BitHeap().add(bit, -1));
      assertThrows(IllegalArgumentException.class, () -> new BitHeap().add(bit, 0).sum(0));
    });
  }
}
