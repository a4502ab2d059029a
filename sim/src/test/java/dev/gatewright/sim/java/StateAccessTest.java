package dev.gatewright.sim.java;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.UInt;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Registers and memory words read and set between clock edges, by flattened name: single-event upsets. */
class StateAccessTest {

  /** A counter and a buffer of 100-bit words, its read address registered. */
  static final class UnitIo extends Bundle {
    final Bool write = input("write", bool());
    final UInt address = input("address", uint(2));
    final UInt data = input("data", uint(100));
    final UInt count = output("count", uint(8));
    final UInt word = output("word", uint(100));
  }

  private static final BundleType<UnitIo> UNIT_IO = bundle(UnitIo::new);

  private static final Component<UnitIo> UNIT = module("unit", UNIT_IO, (m, io) -> {
    UInt count = m.reg("count", uint(8)).init(0);
    count.assign(count.add(1).resize(uint(8), Overflow.WRAP));
    Memory<UInt> words = m.memory("words", 4, uint(100));
    when(io.write, () -> words.write(io.address, io.data));
    io.count.assign(count);
    io.word.assign(words.readAsync(io.address));
  });

  private static final Component<Void> TOP = module("top", m -> {
    UnitIo u = m.instance("u", UNIT);
    u.write.assign(m.input("write", bool()));
    u.address.assign(m.input("address", uint(2)));
    u.data.assign(m.input("data", uint(100)));
    UInt wide = m.reg("wide", uint(100)).init(0);
    wide.assign(u.word);
    m.output("count", uint(8)).assign(u.count);
    m.output("word", uint(100)).assign(wide);
  });

  @Test
  void registersAndMemoriesAreNamedByTheirPathInTheHierarchy() {
    try (JavaSimulator sim = new JavaSimulator(TOP)) {
      assertEquals(List.of("wide", "u.count"), sim.registers(), "the top's first, then each instance's");
      assertEquals(List.of("u.words"), sim.memories());
    }
  }

  @Test
  void anUpsetRegisterIsSeenAtOnceAndCountsOnFromThere() {
    try (JavaSimulator sim = new JavaSimulator(TOP)) {
      sim.reset();
      sim.step(5);
      assertEquals(BigInteger.valueOf(5), sim.peekRegister("u.count"));
      sim.pokeRegister("u.count", sim.peekRegister("u.count").flipBit(3));
      assertEquals(13, sim.peek("count"));
      sim.step();
      assertEquals(14, sim.peek("count"));
    }
  }

  @Test
  void memoryWordsAndWideRegistersCanBeReadAndUpset() {
    BigInteger word = BigInteger.ONE.shiftLeft(99).or(BigInteger.valueOf(77));
    try (JavaSimulator sim = new JavaSimulator(TOP)) {
      sim.poke("address", 2);
      sim.pokeMemory("u.words", 2, word);
      assertEquals(word, sim.peekMemory("u.words", 2));
      sim.step();
      assertEquals(word, sim.peekRegister("wide"));
      assertEquals(word, sim.peekBig("word"));
      sim.pokeRegister("wide", word.flipBit(99));
      assertEquals(BigInteger.valueOf(77), sim.peekBig("word"));
      sim.pokeMemory("u.words", 2, BigInteger.ONE.negate());
      assertEquals(BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE), sim.peekMemory("u.words", 2),
          "a word takes the low bits of the value");
    }
  }

  @Test
  void unknownNamesAndAddressesAreClearErrors() {
    try (JavaSimulator sim = new JavaSimulator(TOP)) {
      IllegalArgumentException register = assertThrows(IllegalArgumentException.class,
          () -> sim.peekRegister("count"));
      assertEquals("design top has no register 'count'; it has wide, u.count", register.getMessage());
      IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
          () -> sim.pokeMemory("u.words", 4, BigInteger.ONE));
      assertEquals("address 4 is outside memory u.words of 4 words", address.getMessage());
    }
  }

  @Test
  void anUpsetCampaignOnAllCoresFindsWhichBitsMatter() {
    // upset each bit of u.count at cycle 3, run 10 more cycles: every upset shows on the output
    CompiledDesign compiled = CompiledDesign.of(TOP);
    List<Integer> bits = IntStream.range(0, 8).boxed().toList();
    List<Long> counts = compiled.runIndependent(bits, (sim, bit) -> {
      sim.reset();
      sim.step(3);
      sim.pokeRegister("u.count", sim.peekRegister("u.count").flipBit(bit));
      sim.step(10);
      return sim.peek("count");
    });
    for (int bit : bits) {
      assertEquals(((3 ^ (1L << bit)) + 10) % 256, counts.get(bit), "bit " + bit);
    }
    assertTrue(counts.stream().noneMatch(count -> count == 13), "every upset of the counter shows");
  }
}
