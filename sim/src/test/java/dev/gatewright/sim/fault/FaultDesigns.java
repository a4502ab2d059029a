package dev.gatewright.sim.fault;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.Simulator;
import java.util.SplittableRandom;

/**
 * Small designs with every kind of state a fault can hit: pipeline registers, a register with an
 * enable that a {@code when} drives (it holds values), a register with a reset, a memory, a named wire,
 * and an instance used twice.
 */
final class FaultDesigns {

  private FaultDesigns() {}

  static final class StageIo extends Bundle {
    final Bool valid = input("valid", bool());
    final UInt x = input("x", uint(8));
    final UInt y = output("y", uint(10));
  }

  static final BundleType<StageIo> STAGE_IO = bundle(StageIo::new);

  /** y = 3·x one cycle later plus a running sum of the valid inputs plus the last valid input. */
  static final Component<StageIo> STAGE = module("stage", STAGE_IO, (m, io) -> {
    UInt q = m.reg("q", io.x.mul(3).resize(uint(10), Overflow.WRAP));
    UInt acc = m.reg("acc", uint(10)).init(0);
    when(io.valid, () -> acc.assign(acc.add(io.x).resize(uint(10), Overflow.WRAP)));
    UInt held = m.reg("held", uint(8)).enable(io.valid);
    held.assign(io.x);
    UInt sum = m.wire("sum", uint(10));
    sum.assign(q.add(acc).add(held).resize(uint(10), Overflow.WRAP));
    io.y.assign(sum);
  });

  static final class TopIo extends Bundle {
    final Bool valid = input("valid", bool());
    final UInt x = input("x", uint(8));
    final UInt address = input("address", uint(2));
    final UInt y = output("y", uint(10));
    final UInt word = output("word", uint(8));
  }

  static final BundleType<TopIo> TOP_IO = bundle(TopIo::new);

  /** Two stages in a row, and a memory written with x at its address and read back. */
  static final Component<TopIo> TOP = module("faulty_top", TOP_IO, (m, io) -> {
    StageIo first = m.instance("u_first", STAGE);
    first.valid.assign(io.valid);
    first.x.assign(io.x);
    StageIo second = m.instance("u_second", STAGE);
    second.valid.assign(m.reg("valid_q", io.valid).init(false));
    second.x.assign(first.y.resize(uint(8), Overflow.WRAP));
    io.y.assign(second.y);
    Memory<UInt> words = m.memory("words", 4, uint(8));
    when(io.valid, () -> words.write(io.address, io.x));
    io.word.assign(m.reg("word_q", words.readAsync(io.address)));
  });

  /** {@code cycles} input frames of random values for ports {@code inputs} (reset low). */
  static long[] frames(java.util.List<dev.gatewright.sim.SimPort> inputs, int cycles, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int slots = Simulator.frameSlots(inputs);
    long[] frames = new long[cycles * slots];
    for (int c = 0; c < cycles; c++) {
      int offset = c * slots;
      for (var port : inputs) {
        long value = port.name().equals("rst") ? 0 : random.nextLong() & (port.width() >= 64 ? -1L : (1L << port.width()) - 1);
        frames[offset] = value;
        offset += port.slots();
      }
    }
    return frames;
  }
}
