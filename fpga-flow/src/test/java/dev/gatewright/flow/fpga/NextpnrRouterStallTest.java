package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NextpnrRouterStallTest {

  private static String router1(long iteration, long remaining) {
    return String.format(Locale.ROOT, "Info:    %7d |  %7d       3945 | 1000     0 |     %5d|       0.16     200.63|",
        iteration, iteration / 2, remaining);
  }

  @Test
  void aRouterThatKeepsReducingTheArcsLeftIsNeverStopped() {
    NextpnrRouterStall stall = new NextpnrRouterStall(5);
    for (int k = 0; k < 1000; k++) {
      // plateaus of four lines, then a new low: slow but converging
      assertFalse(stall.test(router1(1000L * k, 20_000 - k / 4)), "line " + k);
    }
  }

  @Test
  void router1ThatReroutesWithoutANewLowForPatienceLinesIsStalledAndSaysWhatWasLeft() {
    NextpnrRouterStall stall = new NextpnrRouterStall(200);
    assertFalse(stall.test("Info: Routing 16075 arcs."));
    assertFalse(stall.test(router1(1000, 15179)));
    assertFalse(stall.test(router1(2000, 12803)));
    for (int k = 0; k < 199; k++) {
      assertFalse(stall.test(router1(3000 + 1000L * k, 12803 + (k % 3))));
    }
    assertTrue(stall.test(router1(999_000, 12803)));
    assertEquals(12803, stall.left());
  }

  @Test
  void router2CirclingWithTheSameOverusedWiresIsStalled() {
    NextpnrRouterStall stall = new NextpnrRouterStall(50);
    boolean stopped = false;
    for (int iter = 800; iter < 900 && !stopped; iter++) {
      stopped = stall.test("Info:     iter=" + iter + " wires=52871 overused=3 overuse=3 archfail=NA");
    }
    assertTrue(stopped);
    assertEquals(3, stall.left());
  }

  @Test
  void otherLinesAreIgnored() {
    NextpnrRouterStall stall = new NextpnrRouterStall(1);
    assertFalse(stall.test("Info:    IterCnt |  w/ripup   wo/ripup |  w/r  wo/r |      arcs| batch(sec) total(sec)|"));
    assertFalse(stall.test("Info: Max frequency for clock 'clk': 70.72 MHz (FAIL at 100.00 MHz)"));
    assertFalse(stall.test("Info:   at iteration #20: temp = 0.000000, timing cost = 1186, wirelen = 32318"));
  }
}
