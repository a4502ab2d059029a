package dev.gatewright.sim.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.harden.RegisterTmr;
import dev.gatewright.hdl.Component;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A triplicated design computes what the plain one does, and outvotes any one upset copy. */
class TmrSimulationTest {

  private static final int CYCLES = 300;
  private static final RegisterTmr.Result<FaultDesigns.TopIo> TMR = RegisterTmr.apply(FaultDesigns.TOP);

  private static long[] run(FaultSimulation sim, long[] frames, List<Fault> faults) {
    long[] out = new long[(frames.length / Simulator.frameSlots(sim.inputs())) * Simulator.frameSlots(sim.outputs())];
    sim.restart(2);
    sim.run(frames, out, faults);
    return out;
  }

  private static long[] plainOutputs(long[] frames) {
    try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open()) {
      return run(plain, frames, List.of());
    }
  }

  @Test
  void theTriplicatedDesignComputesWhatThePlainOneDoes() {
    try (FaultSimulation tmr = NativeFaultSimulation.factory(TMR.design()).open()) {
      long[] frames = FaultDesigns.frames(tmr.inputs(), CYCLES, 11);
      assertArrayEquals(plainOutputs(frames), run(tmr, frames, List.of()));
    }
  }

  @Test
  void oneUpsetCopyOfEachRegisterIsOutvotedAtEveryCycle() {
    try (FaultSimulation tmr = NativeFaultSimulation.factory(TMR.design()).open()) {
      long[] frames = FaultDesigns.frames(tmr.inputs(), CYCLES, 12);
      long[] clean = plainOutputs(frames);
      SplittableRandom random = new SplittableRandom(12);
      for (Map.Entry<String, List<String>> register : TMR.copies().entrySet()) {
        int width = tmr.state().register(register.getKey()).width();
        for (String copy : register.getValue()) {
          List<Fault> faults = new ArrayList<>();
          for (int k = 0; k < 30; k++) { // one copy hit again and again, never two copies at once
            faults.add(Fault.upset(copy, random.nextInt(width), random.nextInt(CYCLES)));
          }
          assertArrayEquals(clean, run(tmr, frames, faults), copy);
        }
      }
    }
  }

  @Test
  void twoCopiesUpsetInTheSameCycleAreTheVote() {
    try (FaultSimulation tmr = NativeFaultSimulation.factory(TMR.design()).open()) {
      long[] frames = FaultDesigns.frames(tmr.inputs(), CYCLES, 13);
      long[] clean = plainOutputs(frames);
      List<Fault> two = List.of(Fault.upset("u_first.acc", 2, 50), Fault.upset("u_first.acc_tmr2", 2, 50));
      assertFalse(Arrays.equals(clean, run(tmr, frames, two)));
      try (FaultSimulation plain = NativeFaultSimulation.factory(FaultDesigns.TOP).open()) {
        assertArrayEquals(run(plain, frames, List.of(Fault.upset("u_first.acc", 2, 50))), run(tmr, frames, two),
            "two voting copies upset are one upset of the plain register");
      }
    }
  }

  @Test
  void scrubbingRepairsAnUpsetCopyWhileTheRegisterHolds() {
    Component<FaultDesigns.TopIo> unscrubbed =
        RegisterTmr.apply(FaultDesigns.TOP, RegisterTmr.Options.all().withScrub(false)).design();
    try (FaultSimulation scrubbed = NativeFaultSimulation.factory(TMR.design()).open();
        FaultSimulation holding = NativeFaultSimulation.factory(unscrubbed).open()) {
      int slots = Simulator.frameSlots(scrubbed.inputs());
      long[] frames = new long[100 * slots]; // valid low: every acc holds
      long[] clean = plainOutputs(frames);
      // two copies of one bit upset ten cycles apart: never two wrong at once while scrubbed
      List<Fault> apart = List.of(Fault.upset("u_second.held_tmr1", 1, 20), Fault.upset("u_second.held_tmr2", 1, 30));
      assertArrayEquals(clean, run(scrubbed, frames, apart));
      assertFalse(Arrays.equals(clean, run(holding, frames, apart)), "without scrubbing the upsets add up");
    }
  }

  @Test
  void theTriplicatedDesignRunsOnVerilatorAsOnTheJavaEngine() {
    Assumptions.assumeTrue(Engine.VERILATOR.isAvailable(), Engine.VERILATOR.missing());
    try (FaultSimulation java = NativeFaultSimulation.factory(TMR.design()).open();
        FaultSimulation verilator = InstrumentedFaultSimulation.factory(TMR.design(),
            FaultInstrumentation.Options.allRegisters(), Engine.VERILATOR).open()) {
      long[] frames = FaultDesigns.frames(java.inputs(), CYCLES, 14);
      List<Fault> faults = List.of(Fault.upset("u_first.q_tmr1", 3, 40), Fault.upset("u_second.acc", 0, 41),
          Fault.upset("u_second.acc_tmr2", 0, 41), Fault.stuckAt("valid_q_tmr1", 0, true, 10));
      long[] natively = run(java, frames, faults);
      assertArrayEquals(natively, run(verilator, frames, faults));
      assertTrue(natively.length > 0);
    }
  }
}
