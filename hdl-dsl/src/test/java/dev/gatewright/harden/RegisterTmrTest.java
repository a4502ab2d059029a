package dev.gatewright.harden;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.hdl.testing.EmittedDesignAssertions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Register triplication: structure, names, emission (the simulations are in sim's tests). */
class RegisterTmrTest {

  static final class CounterIo extends Bundle {
    final Bool enable = input("enable", bool());
    final UInt x = input("x", uint(8));
    final UInt y = output("y", uint(8));
  }

  private static final BundleType<CounterIo> IO = bundle(CounterIo::new);

  private static final Component<CounterIo> UNIT = module("unit", IO, (m, io) -> {
    UInt acc = m.reg("acc", uint(8)).init(0);
    when(io.enable, () -> acc.assign(acc.add(io.x).resize(uint(8), Overflow.WRAP)));
    io.y.assign(m.reg("y_q", acc.add(1).resize(uint(8), Overflow.WRAP)));
  });

  private static final Component<CounterIo> TOP = module("pair", IO, (m, io) -> {
    CounterIo a = m.instance("u_a", UNIT);
    a.enable.assign(io.enable);
    a.x.assign(io.x);
    CounterIo b = m.instance("u_b", UNIT);
    b.enable.assign(io.enable);
    b.x.assign(a.y);
    io.y.assign(b.y);
  });

  @Test
  void everyRegisterBecomesThreeKeptCopiesNamedAfterIt() {
    RegisterTmr.Result<CounterIo> tmr = RegisterTmr.apply(TOP);
    assertEquals(Map.of(
        "u_a.acc", List.of("u_a.acc", "u_a.acc_tmr1", "u_a.acc_tmr2"),
        "u_a.y_q", List.of("u_a.y_q", "u_a.y_q_tmr1", "u_a.y_q_tmr2"),
        "u_b.acc", List.of("u_b.acc", "u_b.acc_tmr1", "u_b.acc_tmr2"),
        "u_b.y_q", List.of("u_b.y_q", "u_b.y_q_tmr1", "u_b.y_q_tmr2")), tmr.copies());
    assertEquals(32, tmr.triplicatedBits());
    Component<?> unit = tmr.design().instances().get(0).child();
    assertSame(unit, tmr.design().instances().get(1).child(), "a module used twice is rewritten once");
    assertEquals(6, unit.nodes().stream().filter(n -> n.isKept()).count());
    assertTrue(unit.processes().isEmpty(), "the enabled register left its process: the node holds its logic");
  }

  @Test
  void theHardenedDesignIsCleanInAllThreeToolsWithKeepAttributes(@TempDir Path dir) {
    EmittedDesign design = EmittedDesignAssertions.assertCleanInAllTools(RegisterTmr.apply(TOP).design(), dir);
    String unit = design.file("unit").text();
    assertEquals(6, unit.split("\\(\\* keep \\*\\) always_ff", -1).length - 1, unit);
    assertTrue(unit.contains("acc_voted"), unit);
    EmittedDesignAssertions.assertDeterministic(() -> RegisterTmr.apply(TOP).design());
  }

  @Test
  void theChosenModulesAloneAreTriplicated() {
    RegisterTmr.Result<CounterIo> tmr = RegisterTmr.apply(TOP,
        RegisterTmr.Options.all().withRegisters((module, register) -> register.equals("y_q")));
    assertEquals(List.of("u_a.y_q", "u_b.y_q"), List.copyOf(tmr.copies().keySet()));
    assertSame(TOP, RegisterTmr.apply(TOP, RegisterTmr.Options.inModules(name -> name.equals("other"))).design(),
        "nothing chosen, nothing changed");
  }

  @Test
  void twoOfThreeUpsetCopiesOutvoteTheThird() {
    assertEquals(0.0, RegisterTmr.votedUpsetProbability(0));
    assertEquals(3e-6 - 2e-9, RegisterTmr.votedUpsetProbability(1e-3), 1e-15);
    assertEquals(1.0, RegisterTmr.votedUpsetProbability(1));
  }

  @Test
  void wholeLayersAreTriplicatedBehindVotersOnTheirOutputsCleanInAllTools(@TempDir Path dir) {
    LayerTmr.Result<CounterIo> tmr = LayerTmr.apply(TOP, name -> name.equals("u_b"));
    assertEquals(Map.of("u_b", List.of("u_b", "u_b_tmr1", "u_b_tmr2")), tmr.copies());
    assertEquals(List.of("u_a", "u_b", "u_b_tmr1", "u_b_tmr2"),
        tmr.design().instances().stream().map(i -> i.name()).toList());
    EmittedDesign design = EmittedDesignAssertions.assertCleanInAllTools(tmr.design(), dir);
    assertTrue(design.file("pair").text().contains("u_b_y_voted"), design.file("pair").text());
    EmittedDesignAssertions.assertDeterministic(() -> LayerTmr.apply(TOP, name -> name.equals("u_b")).design());
    assertSame(TOP, LayerTmr.apply(TOP, name -> false).design(), "nothing chosen, nothing changed");
  }

  @Test
  void emissionOfThePlainDesignIsUnchanged() {
    assertTrue(!SystemVerilog.emit(TOP).files().stream().anyMatch(file -> file.text().contains("keep")));
  }
}
