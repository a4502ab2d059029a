package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.Xc7Delays;
import dev.gatewright.flow.fpga.Xc7Timing.PathClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The xc7 timing estimate on hand-built netlists whose answer is the delay model's sum. */
class Xc7TimingTest {

  private static final Xc7Delays D = Xc7Delays.SPEED_GRADE_1;
  private static final double EPS = 1e-9;

  private static Xc7Timing.Estimate time(NetlistJson netlist) {
    return Xc7Timing.analyze(netlist.build(), D);
  }

  private static double delay(Xc7Timing.Estimate estimate, PathClass pathClass) {
    return estimate.slowest().get(pathClass).delayNs();
  }

  /** in -> r0 -> {levels LUT1} -> r1 -> out. */
  private static NetlistJson lutChain(int levels) {
    NetlistJson n = new NetlistJson();
    int clk = n.input("clk");
    int q = n.flipFlop("r0", clk, n.input("a"));
    for (int i = 0; i < levels; i++) {
      int o = n.net("l" + i);
      n.cell("LUT1").in("I0", q).out("O", o).parameter("INIT", "01");
      q = o;
    }
    n.output("y", n.flipFlop("r1", clk, q));
    return n;
  }

  @Test
  void aRegisterStraightToARegisterTakesClockToQANetAndSetup() {
    Xc7Timing.Estimate estimate = time(lutChain(0));
    assertEquals(D.clockToQ() + D.net() + D.setup(), delay(estimate, PathClass.REGISTER_TO_REGISTER), EPS);
    assertEquals(D.net() + D.setup(), delay(estimate, PathClass.INPUT_TO_REGISTER), EPS);
    assertEquals(D.clockToQ() + D.net(), delay(estimate, PathClass.REGISTER_TO_OUTPUT), EPS);
    assertFalse(estimate.slowest().containsKey(PathClass.INPUT_TO_OUTPUT));
    assertEquals(1000.0 / (D.clockToQ() + D.net() + D.setup()), estimate.fmaxMhz().orElseThrow(), EPS);
  }

  @Test
  void eachLutLevelAddsANetAndALutAndLowersFmax() {
    double previous = Double.POSITIVE_INFINITY;
    for (int levels = 1; levels <= 6; levels++) {
      Xc7Timing.Estimate estimate = time(lutChain(levels));
      double expected = D.clockToQ() + levels * (D.net() + D.lut()) + D.net() + D.setup();
      assertEquals(expected, delay(estimate, PathClass.REGISTER_TO_REGISTER), EPS, levels + " levels");
      double fmax = estimate.fmaxMhz().orElseThrow();
      assertTrue(fmax < previous, levels + " levels: " + fmax + " MHz, not below " + previous);
      previous = fmax;
    }
  }

  @Test
  void theCriticalPathNamesItsRegistersAndEveryCellOnIt() {
    Xc7Timing.TimedPath path = time(lutChain(3)).critical().orElseThrow();
    assertEquals(PathClass.REGISTER_TO_REGISTER, path.pathClass());
    assertEquals("r0", path.startpoint());
    assertEquals("r1/D", path.endpoint());
    assertEquals(List.of("FDRE", "LUT1", "LUT1", "LUT1", "FDRE"), path.points().stream().map(CriticalPath.Point::cell)
        .toList());
    assertEquals(List.of("r0", "l0", "l1", "l2", "r1/D"), path.points().stream().map(CriticalPath.Point::pin).toList());
    double sum = path.points().stream().mapToDouble(CriticalPath.Point::delayNs).sum();
    assertEquals(path.delayNs(), sum, EPS);
    assertEquals(path.delayNs(), path.points().get(path.points().size() - 1).arrivalNs(), EPS);
  }

  @Test
  void aRegisterInTheMiddleCutsThePath() {
    NetlistJson n = new NetlistJson();
    int clk = n.input("clk");
    int q = n.flipFlop("r0", clk, n.input("a"));
    for (int i = 0; i < 4; i++) {
      int o = n.net("l" + i);
      n.cell("LUT1").in("I0", q).out("O", o);
      q = i == 1 ? n.flipFlop("mid", clk, o) : o;
    }
    n.output("y", n.flipFlop("r1", clk, q));
    double twoLevels = D.clockToQ() + 2 * (D.net() + D.lut()) + D.net() + D.setup();
    assertEquals(twoLevels, delay(time(n), PathClass.REGISTER_TO_REGISTER), EPS);
  }

  /** ra + rb on CARRY4s, as synth_xilinx maps it: S[i] = ra[i] ^ rb[i] in a LUT2, DI[i] = ra[i]. */
  private static NetlistJson adder(int width) {
    NetlistJson n = new NetlistJson();
    int clk = n.input("clk");
    int[] a = new int[width];
    int[] b = new int[width];
    int[] s = new int[width];
    for (int i = 0; i < width; i++) {
      a[i] = n.flipFlop("ra" + i, clk, n.input("a" + i));
      b[i] = n.flipFlop("rb" + i, clk, n.input("b" + i));
      s[i] = n.lut("s" + i, a[i], b[i]);
    }
    int carry = -1;
    for (int k = 0; k < width / 4; k++) {
      int[] o = new int[4];
      int[] co = new int[4];
      for (int j = 0; j < 4; j++) {
        o[j] = n.net("sum" + (4 * k + j));
        co[j] = n.net("co" + (4 * k + j));
      }
      n.cell("CARRY4").in("CI", carry).in("CYINIT", -1)
          .in("DI", a[4 * k], a[4 * k + 1], a[4 * k + 2], a[4 * k + 3])
          .in("S", s[4 * k], s[4 * k + 1], s[4 * k + 2], s[4 * k + 3]).out("O", o).out("CO", co);
      carry = co[3];
      for (int j = 0; j < 4; j++) {
        n.output("y" + (4 * k + j), n.flipFlop("ry" + (4 * k + j), clk, o[j]));
      }
    }
    return n;
  }

  @Test
  void aWideAdderRipplesAlongItsCarryChain() {
    for (int width : new int[] {4, 16, 32}) {
      // ra[0] drives the LUT and DI[0]: a fanout of 2; the LUT feeds only S[0], inside the carry's slice
      double expected = D.clockToQ() + D.netDelay(2) + D.lut() + D.carryToSum(0, width - 1) + D.net() + D.setup();
      Xc7Timing.TimedPath path = time(adder(width)).critical().orElseThrow();
      assertEquals(expected, path.delayNs(), EPS, width + " bits");
      assertEquals("ry" + (width - 1) + "/D", path.endpoint());
      assertTrue(path.points().stream().filter(p -> p.cell().equals("CARRY4")).count() == width / 4, path.toString());
    }
  }

  @Test
  void aCombinationalLoopIsRefusedNamingItsCells() {
    NetlistJson n = new NetlistJson();
    int a = n.input("a");
    int x = n.net("x");
    int y = n.net("y");
    n.cell("LUT2").in("I0", a).in("I1", y).out("O", x);
    n.cell("LUT1").in("I0", x).out("O", y);
    n.output("o", y);
    FlowException e = assertThrows(FlowException.class, () -> time(n));
    assertTrue(e.getMessage().contains("combinational loop"), e.getMessage());
    assertTrue(e.getMessage().contains("2 of 2 logic cells") && e.getMessage().contains("driving x"),
        e.getMessage());

    FlowReport.Builder report = FlowReport.builder("loop", Target.XC7, Xc7Flow.TOOL);
    Xc7Flow.timing(report, n.build(), 100);
    FlowReport built = report.build();
    assertTrue(built.measure(FlowReport.ESTIMATED_FMAX_MHZ).isEmpty());
    assertTrue(built.notes().stream().anyMatch(s -> s.startsWith("no xc7 timing estimate: ")), built.notes().toString());
  }

  @Test
  void aBlackBoxStartsAndEndsPathsAndIsNamed() {
    NetlistJson n = new NetlistJson();
    int clk = n.input("clk");
    int q = n.flipFlop("r0", clk, n.input("a"));
    int ip = n.net("ip_out");
    n.cell("PLLE2_ADV").in("CLKIN1", q).out("CLKOUT0", ip);
    int l = n.net("l");
    n.cell("LUT1").in("I0", ip).out("O", l);
    n.output("y", n.flipFlop("r1", clk, l));
    n.cell("VENDOR_IP").in("X", q).withoutDirections();
    Xc7Timing.Estimate estimate = time(n);
    assertEquals(java.util.Map.of("PLLE2_ADV", 1, "VENDOR_IP", 1), estimate.blackBoxes());
    // into the black box: clock-to-Q, the net (r0 drives two cells) and no setup; out of it: a LUT level
    double into = D.clockToQ() + D.netDelay(2);
    double outOf = D.net() + D.lut() + D.net() + D.setup();
    assertEquals(Math.max(into, outOf), delay(estimate, PathClass.REGISTER_TO_REGISTER), EPS);

    FlowReport.Builder report = FlowReport.builder("bb", Target.XC7, Xc7Flow.TOOL);
    Xc7Flow.timing(report, n.build(), 100);
    assertTrue(report.build().notes().stream().anyMatch(s -> s.contains("black boxes") && s.contains("VENDOR_IP")));
  }

  @Test
  void aLutIntoAMuxf7UsesTheDedicatedRouteAndChainedCarriesNoNet() {
    NetlistJson n = new NetlistJson();
    int clk = n.input("clk");
    int q = n.flipFlop("r0", clk, n.input("a"));
    int l0 = n.net("l0");
    int l1 = n.net("l1");
    int m = n.net("m");
    n.cell("LUT6").in("I0", q).out("O", l0);
    n.cell("LUT6").in("I0", q).out("O", l1);
    n.cell("MUXF7").in("I0", l0).in("I1", l1).in("S", q).out("O", m);
    n.output("y", n.flipFlop("r1", clk, m));
    // r0 drives three pins: LUT6, LUT6, the mux select
    double viaLut = D.clockToQ() + D.netDelay(3) + D.lut() + D.muxf() + D.net() + D.setup();
    assertEquals(viaLut, delay(time(n), PathClass.REGISTER_TO_REGISTER), EPS);
  }

  @Test
  void theFlowReportCarriesTheEstimateAndTheCriticalPath() {
    FlowReport.Builder report = FlowReport.builder("chain", Target.XC7, Xc7Flow.TOOL);
    Xc7Flow.timing(report, lutChain(2).build(), 500);
    FlowReport built = FlowReport.fromJson(report.build().toJson());
    double expected = D.clockToQ() + 2 * (D.net() + D.lut()) + D.net() + D.setup();
    assertEquals(Math.round(1000 / expected * 1000) / 1000.0, built.measure(FlowReport.ESTIMATED_FMAX_MHZ)
        .orElseThrow(), EPS);
    assertTrue(built.measure(FlowReport.FMAX_MHZ).isEmpty(), "an estimate is not a routed Fmax");
    assertEquals(expected, built.measure(Xc7Flow.delayMeasure(PathClass.REGISTER_TO_REGISTER)).orElseThrow(), 1e-3);
    assertEquals("r0", built.criticalPath().startpoint());
    assertEquals("r1/D", built.criticalPath().endpoint());
    assertEquals(2.0 - expected, built.criticalPath().slackNs(), 1e-9);
    assertTrue(built.notes().stream().anyMatch(s -> s.contains("pre-placement estimate") && s.contains("LUT1 x2")),
        built.notes().toString());
  }
}
