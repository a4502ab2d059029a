package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.asic.GateNetlist.Cell;
import dev.gatewright.flow.asic.GateNetlist.Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanoutBufferingTest {

  private static final long CLK = 1;
  private static final long SEL = 2;
  private static final long TIE = 3;

  /**
   * {@code sel} drives {@code loads} AND gates, a tie cell drives {@code loads} more, {@code clk} clocks
   * {@code loads} flip-flops, and AND gate 0's output also leaves through the output port {@code y}.
   */
  private static GateNetlist design(int loads) {
    List<Cell> cells = new ArrayList<>();
    cells.add(cell("tie", "conb_1", Map.of("HI", List.of(TIE)), Set.of("HI")));
    long next = 10;
    for (int i = 0; i < loads; i++) {
      long q = next++;
      long y = next++;
      cells.add(cell("ff" + i, "dfxtp_1", Map.of("CLK", List.of(CLK), "D", List.of(TIE), "Q", List.of(q)), Set.of("Q")));
      cells.add(cell("and" + i, "and2_1", Map.of("A", List.of(SEL), "B", List.of(q), "X", List.of(y)), Set.of("X")));
    }
    List<Port> ports = List.of(new Port("clk", true, List.of(CLK)), new Port("sel", true, List.of(SEL)),
        new Port("y", false, List.of(11L)), new Port("z", false, List.of(SEL)));
    return new GateNetlist("top", ports, cells);
  }

  private static Cell cell(String name, String type, Map<String, List<Long>> pins, Set<String> outputs) {
    Map<String, Boolean> directions = new LinkedHashMap<>();
    pins.keySet().stream().sorted().forEach(pin -> directions.put(pin, outputs.contains(pin)));
    Map<String, List<Long>> sorted = new LinkedHashMap<>();
    pins.keySet().stream().sorted().forEach(pin -> sorted.put(pin, pins.get(pin)));
    return new Cell(name, type, directions, sorted);
  }

  private static FanoutBuffering buffering() {
    return new FanoutBuffering("buf_4", "A", "X", 16);
  }

  /** For each net, how many cell inputs and output ports it drives. */
  private static Map<Long, Integer> fanout(GateNetlist netlist) {
    Map<Long, Integer> fanout = new HashMap<>();
    for (Cell cell : netlist.cells()) {
      cell.pins().forEach((pin, nets) -> {
        if (!cell.isOutput(pin)) {
          nets.forEach(net -> fanout.merge(net, 1, Integer::sum));
        }
      });
    }
    netlist.ports().stream().filter(p -> !p.input()).forEach(p -> p.nets().forEach(n -> fanout.merge(n, 1, Integer::sum)));
    return fanout;
  }

  /** The net a cell input or port is reached from, following buffers back to where they start. */
  private static long source(GateNetlist netlist, long net) {
    for (Cell cell : netlist.cells()) {
      if (cell.type().equals("buf_4") && cell.pins().get("X").get(0) == net) {
        return source(netlist, cell.pins().get("A").get(0));
      }
    }
    return net;
  }

  @Test
  void aNetWithMoreLoadsThanTheLimitDrivesThemThroughBuffersOfAtMostTheLimitEach() {
    GateNetlist before = design(40);
    FanoutBuffering.Result result = buffering().apply(before, "clk", Set.of("conb_1"));
    assertEquals(3, result.buffers(), "41 loads of sel (40 gates and the port z) in 3 groups of 14, 14 and 13");
    assertEquals(41, result.largestFanoutBefore(), "the clock and the tie cell's net are not counted");
    Map<Long, Integer> fanout = fanout(result.netlist());
    assertEquals(3, fanout.get(SEL));
    assertEquals(40, fanout.get(CLK), "the clock is left to clock-tree synthesis");
    assertEquals(40, fanout.get(TIE), "constants are not timed");
    fanout.forEach((net, loads) -> assertTrue(net == CLK || net == TIE || loads <= 16, net + " drives " + loads));
    for (Cell cell : result.netlist().cells()) {
      if (cell.type().equals("and2_1")) {
        assertEquals(SEL, source(result.netlist(), cell.pins().get("A").get(0)), cell.name() + " still gets sel");
      }
    }
    Port z = result.netlist().ports().stream().filter(p -> p.name().equals("z")).findFirst().orElseThrow();
    assertEquals(SEL, source(result.netlist(), z.nets().get(0)), "an output port is a load like any other");
  }

  @Test
  void thousandsOfLoadsGetATreeOfSeveralLevels() {
    FanoutBuffering.Result result = buffering().apply(design(1000), "clk", Set.of("conb_1"));
    // 1,001 loads: 63 buffers drive them, 4 buffers drive those 63, and sel drives the 4
    assertEquals(63 + 4, result.buffers());
    Map<Long, Integer> fanout = fanout(result.netlist());
    fanout.forEach((net, loads) -> assertTrue(net == CLK || net == TIE || loads <= 16, net + " drives " + loads));
    assertEquals(4, fanout.get(SEL));
  }

  @Test
  void netsWithinTheLimitAreLeftAsTheyAreAndTheResultIsTheSameEveryTime() {
    GateNetlist small = design(10);
    FanoutBuffering.Result result = buffering().apply(small, "clk", Set.of("conb_1"));
    assertEquals(0, result.buffers());
    assertEquals(small, result.netlist());
    GateNetlist big = design(300);
    assertEquals(buffering().apply(big, "clk", Set.of("conb_1")), buffering().apply(big, "clk", Set.of("conb_1")));
  }

  @Test
  void theVerilogNamesEveryNetAndEscapesNamesThatNeedIt() {
    String verilog = buffering().apply(design(20), "clk", Set.of("conb_1")).netlist().toVerilog();
    assertTrue(verilog.contains("module top (clk, sel, y, z);"), verilog);
    assertTrue(verilog.contains("  assign n2 = sel;"), verilog);
    assertTrue(verilog.contains("  buf_4 fanout_buf_1 (.A(n2), .X(n"), verilog);
    assertTrue(verilog.contains("  conb_1 tie (.HI(n3));"), verilog);
    assertEquals("\\acc[3].dfxtp_1 ", GateNetlist.identifier("acc[3].dfxtp_1"));
    assertEquals("g12", GateNetlist.identifier("g12"));
  }
}
