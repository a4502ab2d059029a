package dev.gatewright.sim.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatewright.harden.LayerTmr;
import dev.gatewright.sim.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whole layers triplicated: any faults confined to one copy are outvoted; faults in two copies are not. */
class LayerTmrSimulationTest {

  private static final int CYCLES = 300;
  private static final LayerTmr.Result<FaultDesigns.TopIo> TMR = LayerTmr.apply(FaultDesigns.TOP, name -> true);

  private static long[] run(FaultSimulation sim, long[] frames, List<Fault> faults) {
    long[] out = new long[(frames.length / Simulator.frameSlots(sim.inputs())) * Simulator.frameSlots(sim.outputs())];
    sim.restart(2);
    sim.run(frames, out, faults);
    return out;
  }

  @Test
  void anyUpsetsInOneCopyOfALayerAreOutvotedAndInTwoCopiesAreNot() {
    assertEquals(List.of("u_first", "u_first_tmr1", "u_first_tmr2"), TMR.copies().get("u_first"));
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open();
        FaultSimulation tmr = NativeFaultSimulation.factory(TMR.design()).open()) {
      long[] frames = FaultDesigns.frames(tmr.inputs(), CYCLES, 31);
      long[] clean = run(plain, frames, List.of());
      assertArrayEquals(clean, run(tmr, frames, List.of()), "without faults the copies compute the plain design");
      SplittableRandom random = new SplittableRandom(31);
      for (String layer : List.of("u_first", "u_second")) {
        for (String copy : TMR.copies().get(layer)) {
          List<Fault> faults = new ArrayList<>();
          for (StateMap.Register register : tmr.state().registers()) {
            if (register.name().startsWith(copy + ".")) {
              for (int k = 0; k < 10; k++) {
                faults.add(Fault.upset(register.name(), random.nextInt(register.width()), random.nextInt(CYCLES)));
              }
            }
          }
          assertFalse(faults.isEmpty(), copy);
          assertArrayEquals(clean, run(tmr, frames, faults), "upsets confined to " + copy);
        }
      }
      List<Fault> two = List.of(Fault.stuckAt("u_second.acc", 4, true, 30), Fault.stuckAt("u_second_tmr2.acc", 4, true, 30));
      assertFalse(Arrays.equals(clean, run(tmr, frames, two)), "two copies wrong outvote the third");
    }
  }
}
