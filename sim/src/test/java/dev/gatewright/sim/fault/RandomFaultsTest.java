package dev.gatewright.sim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Faults at a rate hit every bit and cycle alike, as often as the rate says, reproducibly. */
class RandomFaultsTest {

  private static final StateMap STATE = StateMap.of(FaultDesigns.TOP);

  @Test
  void drawsAsManyFaultsAsTheRateSaysOverEveryRegisterBitAndCycle() {
    RandomFaults faults = new RandomFaults(STATE.registers(), STATE.memories(), 1e-3, 5, 100, Fault.Effect.FLIP);
    SplittableRandom random = new SplittableRandom(1);
    long drawn = 0;
    Set<String> sites = new HashSet<>();
    int draws = 2000;
    for (int k = 0; k < draws; k++) {
      for (Fault fault : faults.draw(random)) {
        drawn++;
        assertTrue(fault.cycle() >= 5 && fault.cycle() < 105, fault.toString());
        if (fault instanceof Fault.Register r) {
          assertTrue(r.bit() < STATE.register(r.register()).width(), r.toString());
          sites.add(r.register());
        } else {
          Fault.MemoryWord w = (Fault.MemoryWord) fault;
          StateMap.Memory memory = STATE.memory(w.memory());
          assertTrue(w.address() < memory.depth() && w.bit() < memory.width(), w.toString());
          sites.add(w.memory());
        }
      }
    }
    double expected = faults.expectedFaults() * draws;
    assertEquals(expected, drawn, 5 * Math.sqrt(expected), "faults drawn");
    assertEquals(STATE.registers().size() + STATE.memories().size(), sites.size(), "every site is hit: " + sites);
  }

  @Test
  void theSameSeedGivesTheSameFaultsAndRateZeroNone() {
    RandomFaults faults = RandomFaults.upsetsInRegisters(STATE, 0.01, 0, 50);
    assertEquals(faults.draw(new SplittableRandom(7)), faults.draw(new SplittableRandom(7)));
    assertEquals(List.of(), RandomFaults.upsetsInRegisters(STATE, 0, 0, 50).draw(new SplittableRandom(7)));
    assertEquals(faults.bits() * 50, RandomFaults.upsetsInRegisters(STATE, 1, 0, 50).draw(new SplittableRandom(7)).size());
    assertThrows(IllegalArgumentException.class, () -> RandomFaults.upsetsInRegisters(STATE, 1.5, 0, 50));
  }
}
