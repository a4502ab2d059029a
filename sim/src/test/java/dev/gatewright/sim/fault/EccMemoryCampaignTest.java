package dev.gatewright.sim.fault;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.harden.EccMemory;
import dev.gatewright.harden.SecDed;
import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weight memories stored plain, with parity or with SEC-DED: all three compute the same reads without
 * faults (against a golden model, on both engines); under single-event upsets of stored bits the plain
 * memory gives wrong weights, parity flags every one, SEC-DED corrects every one and flags two in a word.
 */
@ExtendWith(CoSimulationExtension.class)
class EccMemoryCampaignTest {

  private static final int WORDS = 16;
  private static final int READS = 200;

  static final class WeightsIo extends Bundle {
    final Bool write = input("write", bool());
    final UInt writeAddress = input("write_address", uint(4));
    final SInt writeData = input("write_data", sint(8));
    final UInt readAddress = input("read_address", uint(4));
    final SInt readData = output("read_data", sint(8));
    final Bool corrected = output("corrected", bool());
    final Bool uncorrectable = output("uncorrectable", bool());
  }

  /** A 16-word weight memory, its code or none (null), read one clock after the address. */
  static Component<WeightsIo> weights(EccMemory.Code code) {
    String name = "weights_" + (code == null ? "plain" : code.name().toLowerCase(java.util.Locale.ROOT));
    return module(name, bundle(WeightsIo::new), (m, io) -> {
      if (code == null) {
        Memory<SInt> words = m.memory("words", WORDS, sint(8));
        when(io.write, () -> words.write(io.writeAddress, io.writeData));
        io.readData.assign(words.readSync(io.readAddress));
        io.corrected.assign(false);
        io.uncorrectable.assign(false);
        return;
      }
      EccMemory<SInt> words = EccMemory.of(m, "words", WORDS, sint(8), code);
      when(io.write, () -> words.write(io.writeAddress, io.writeData));
      EccMemory.Read<SInt> read = words.readSync(io.readAddress);
      io.readData.assign(read.data());
      io.corrected.assign(read.corrected());
      io.uncorrectable.assign(read.uncorrectable());
    });
  }

  private static final List<EccMemory.Code> CODES = java.util.Arrays.asList(null, EccMemory.Code.PARITY,
      EccMemory.Code.SECDED);

  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyCodeReadsWhatWasWrittenWithoutFaults(Engine engine) {
    for (EccMemory.Code code : CODES) {
      long[] memory = new long[WORDS];
      CoSimulation.of(weights(code)).latency(1)
          .golden((io, in, out) -> {
            out.set(io.readData, BigInteger.valueOf(memory[in.get(io.readAddress).intValue()]));
            out.set(io.corrected, 0).set(io.uncorrectable, 0);
            if (in.get(io.write).signum() != 0) {
              memory[in.get(io.writeAddress).intValue()] = in.get(io.writeData).byteValue();
            }
          })
          .randomVectors(3000, 5).check(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void decoderMatchesTheJavaCodeOnCleanSingleDoubleAndRandomWords(Engine engine) {
    for (int k : new int[] {8, 13}) {
      SecDed code = new SecDed(k);
      Component<Void> decoder = module("secded_decode_" + k, m -> {
        UInt word = m.input("word", uint(code.codewordBits()));
        SecDed.Read read = code.decode(word);
        m.output("data", uint(k)).assign(read.data());
        m.output("corrected", bool()).assign(read.corrected());
        m.output("uncorrectable", bool()).assign(read.uncorrectable());
        m.output("encoded", uint(code.codewordBits())).assign(code.encode(read.data()));
      });
      CoSimulation<Void> check = CoSimulation.of(decoder).latency(0).golden((io, in, out) -> {
        SecDed.Decoded d = code.decode(in.get("word"));
        out.set("data", d.data()).set("corrected", d.corrected() ? 1 : 0)
            .set("uncorrectable", d.uncorrectable() ? 1 : 0).set("encoded", code.encode(d.data()));
      });
      Random random = new Random(k);
      for (int n = 0; n < 600; n++) {
        BigInteger word = code.encode(new BigInteger(k, random));
        int flips = n % 3;
        for (int f = 0; f < flips; f++) {
          word = word.flipBit(random.nextInt(code.codewordBits()));
        }
        BigInteger w = word;
        check.vector((io, v) -> v.set("word", w));
      }
      check.randomVectors(600, k).check(engine);
    }
  }

  /** What a campaign of upset runs gave: runs with a wrong read, wrong reads, flagged reads, wrong reads not flagged. */
  record Tally(long runsWithWrongReads, long wrongReads, long flaggedReads, long silentWrongReads, long runs) {}

  @Test
  void singleUpsetsCorruptPlainWeightsAreFlaggedByParityAndCorrectedBySecDed() {
    Tally plain = campaign(null, 1, 400, 21);
    Tally parity = campaign(EccMemory.Code.PARITY, 1, 400, 21);
    Tally secded = campaign(EccMemory.Code.SECDED, 1, 400, 21);
    assertTrue(plain.runsWithWrongReads() > 300, plain.toString());
    assertEquals(plain.wrongReads(), plain.silentWrongReads(), plain.toString());
    assertTrue(parity.wrongReads() > 0 && parity.silentWrongReads() == 0, "parity flags every wrong read: " + parity);
    assertEquals(0, secded.runsWithWrongReads(), secded.toString());
    assertTrue(secded.flaggedReads() > 0, "corrections are reported: " + secded);
  }

  @Test
  void twoUpsetsInOneWordAreFlaggedBySecDed() {
    Tally secded = campaign(EccMemory.Code.SECDED, 2, 200, 22);
    assertTrue(secded.runsWithWrongReads() > 0, secded.toString());
    assertEquals(0, secded.silentWrongReads(), "every wrong read is flagged: " + secded);
  }

  @Test
  void faultsOnTheReadPathAreCorrectedOnVerilatorAsOnTheJavaEngine() {
    Assumptions.assumeTrue(Engine.VERILATOR.isAvailable(), Engine.VERILATOR.missing());
    Component<WeightsIo> design = weights(EccMemory.Code.SECDED);
    FaultInstrumentation.Options options = new FaultInstrumentation.Options((module, name) -> false,
        (module, name) -> name.equals("words_read"));
    try (FaultSimulation java = InstrumentedFaultSimulation.factory(design, options, Engine.JAVA).open();
        FaultSimulation verilator = InstrumentedFaultSimulation.factory(design, options, Engine.VERILATOR).open()) {
      long[] frames = frames(java.inputs(), new SplittableRandom(3));
      List<Fault> faults = List.of(new Fault.Net("words_read", 3, Fault.Effect.ONE, 20, 60),
          new Fault.Net("words_read", 11, Fault.Effect.FLIP, 100, 30));
      long[] clean = run(java, frames, List.of());
      long[] faulty = run(verilator, frames, faults);
      assertArrayEquals(faulty, run(java, frames, faults));
      int slots = Simulator.frameSlots(java.outputs());
      int corrected = 0;
      for (int c = 0; c < frames.length / Simulator.frameSlots(java.inputs()); c++) {
        assertEquals(clean[c * slots], faulty[c * slots], "read data at cycle " + c);
        corrected += (int) faulty[c * slots + 1];
      }
      assertTrue(corrected > 0, "the decoder reported its corrections");
    }
  }

  /**
   * {@code runs} runs, each loading the 16 words and reading them back {@link #READS} times, with
   * {@code upsets} upsets of stored bits of one random word at random cycles after loading.
   */
  private static Tally campaign(EccMemory.Code code, int upsets, int runs, long seed) {
    Component<WeightsIo> design = weights(code);
    FaultSimulation.Factory factory = NativeFaultSimulation.factory(design);
    long[] frames;
    long[] clean;
    int bits;
    int inSlots;
    int outSlots;
    try (FaultSimulation sim = factory.open()) {
      frames = frames(sim.inputs(), new SplittableRandom(seed));
      clean = run(sim, frames, List.of());
      bits = sim.state().memory("words").width();
      inSlots = Simulator.frameSlots(sim.inputs());
      outSlots = Simulator.frameSlots(sim.outputs());
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Fault>> tasks = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      int address = random.nextInt(WORDS);
      List<Fault> faults = new ArrayList<>();
      int first = random.nextInt(bits);
      for (int u = 0; u < upsets; u++) {
        int bit = u == 0 ? first : (first + 1 + random.nextInt(bits - 1)) % bits;
        faults.add(new Fault.MemoryWord("words", address, bit, Fault.Effect.FLIP, WORDS + 1 + random.nextInt(20), 1));
      }
      tasks.add(faults);
    }
    int cycles = frames.length / inSlots;
    List<long[]> outcomes = CampaignPool.run(factory, 2, tasks, (sim, faults) -> {
      long[] out = run(sim, frames, faults);
      long wrong = 0;
      long flagged = 0;
      long silent = 0;
      for (int c = WORDS + 1; c < cycles; c++) {
        boolean bad = out[c * outSlots] != clean[c * outSlots];
        boolean flag = out[c * outSlots + 1] != 0 || out[c * outSlots + 2] != 0;
        wrong += bad ? 1 : 0;
        flagged += flag ? 1 : 0;
        silent += bad && !flag ? 1 : 0;
      }
      return new long[] {wrong, flagged, silent};
    });
    long runsWrong = outcomes.stream().filter(o -> o[0] > 0).count();
    return new Tally(runsWrong, outcomes.stream().mapToLong(o -> o[0]).sum(),
        outcomes.stream().mapToLong(o -> o[1]).sum(), outcomes.stream().mapToLong(o -> o[2]).sum(), runs);
  }

  /** Cycles 0..15 write word c with a random value; then every word is read, in turn, {@link #READS} cycles. */
  private static long[] frames(List<SimPort> inputs, SplittableRandom random) {
    int slots = Simulator.frameSlots(inputs);
    int cycles = WORDS + READS;
    long[] frames = new long[cycles * slots];
    for (int c = 0; c < cycles; c++) {
      int offset = c * slots;
      for (SimPort port : inputs) {
        frames[offset] = switch (port.name()) {
          case "write" -> c < WORDS ? 1 : 0;
          case "write_address" -> c % WORDS;
          case "write_data" -> random.nextInt(256);
          case "read_address" -> c % WORDS;
          default -> 0;
        };
        offset += port.slots();
      }
    }
    return frames;
  }

  private static long[] run(FaultSimulation sim, long[] frames, List<Fault> faults) {
    long[] out = new long[frames.length / Simulator.frameSlots(sim.inputs()) * Simulator.frameSlots(sim.outputs())];
    sim.restart(2);
    sim.run(frames, out, faults);
    return out;
  }
}
