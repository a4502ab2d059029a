package dev.gatewright.flow.asic;

import dev.gatewright.flow.asic.GateNetlist.Cell;
import dev.gatewright.flow.asic.GateNetlist.Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives every net at most {@code maxFanout} loads by driving its loads through a tree of buffers, as a
 * placement tool's repair step would, so that a timer sees what a high-fanout net really costs: Yosys
 * and ABC map logic without regard to how many pins a net drives, and a select or reset driven by one
 * small gate (or an input port) into hundreds of pins is timed by extrapolating the cell's delay table
 * far beyond its range, or not at all.
 *
 * <p>Loads are taken in a fixed order (by cell name and pin) and split into equal groups of at most
 * {@code maxFanout}, each group driven by one buffer; if there are more buffers than {@code maxFanout},
 * they are grouped the same way, level by level. Nets left alone: the clock (a clock tree is built
 * during placement, and the timer treats the clock as ideal), constants and nets driven by tie cells,
 * and undriven nets. The result is deterministic.
 */
public final class FanoutBuffering {

  /**
   * The result: the buffered netlist, how many buffers were added, and the largest fanout of a net it
   * may buffer (the clock and constants left out) as it was before.
   */
  public record Result(GateNetlist netlist, int buffers, int largestFanoutBefore) {}

  private final String bufferCell;
  private final String bufferInput;
  private final String bufferOutput;
  private final int maxFanout;

  /** Buffers of type {@code bufferCell} (input pin {@code bufferInput}, output {@code bufferOutput}). */
  public FanoutBuffering(String bufferCell, String bufferInput, String bufferOutput, int maxFanout) {
    this.bufferCell = Objects.requireNonNull(bufferCell, "bufferCell");
    this.bufferInput = Objects.requireNonNull(bufferInput, "bufferInput");
    this.bufferOutput = Objects.requireNonNull(bufferOutput, "bufferOutput");
    if (maxFanout < 2) {
      throw new IllegalArgumentException("the largest fanout must be at least 2, not " + maxFanout);
    }
    this.maxFanout = maxFanout;
  }

  /** The buffer {@link #sky130Hd()} inserts. */
  public static final String SKY130_HD_BUFFER = "sky130_fd_sc_hd__buf_4";

  /** SKY130 HD: {@link #SKY130_HD_BUFFER}, at most 16 loads a net. */
  public static FanoutBuffering sky130Hd() {
    return new FanoutBuffering(SKY130_HD_BUFFER, "A", "X", 16);
  }

  /** A load of a net: a cell's input pin bit, or an output port bit ({@code cell} null). */
  private record Load(String cell, String pin, int bit) {}

  /**
   * Buffers every net of {@code netlist} with more than the largest fanout, except that of {@code
   * clockPort} and those driven by a cell of a type in {@code tieCells}.
   */
  public Result apply(GateNetlist netlist, String clockPort, Set<String> tieCells) {
    Map<Long, List<Load>> loads = new HashMap<>();
    Set<Long> driven = new HashSet<>();
    Set<Long> untouchable = new HashSet<>();
    for (Port port : netlist.ports()) {
      for (int bit = 0; bit < port.nets().size(); bit++) {
        long net = port.nets().get(bit);
        if (port.input()) {
          driven.add(net);
          if (port.name().equals(clockPort)) {
            untouchable.add(net);
          }
        } else {
          loads.computeIfAbsent(net, k -> new ArrayList<>()).add(new Load(null, port.name(), bit));
        }
      }
    }
    List<Cell> sorted = new ArrayList<>(netlist.cells());
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    for (Cell cell : sorted) {
      for (Map.Entry<String, List<Long>> pin : cell.pins().entrySet()) {
        for (int bit = 0; bit < pin.getValue().size(); bit++) {
          long net = pin.getValue().get(bit);
          if (cell.isOutput(pin.getKey())) {
            driven.add(net);
            if (tieCells.contains(cell.type())) {
              untouchable.add(net);
            }
          } else {
            loads.computeIfAbsent(net, k -> new ArrayList<>()).add(new Load(cell.name(), pin.getKey(), bit));
          }
        }
      }
    }

    Map<String, Cell> byName = new HashMap<>();
    netlist.cells().forEach(cell -> byName.put(cell.name(), cell));
    Map<String, Map<String, List<Long>>> rewired = new HashMap<>();
    Map<String, List<Long>> portNets = new HashMap<>();
    List<Cell> buffers = new ArrayList<>();
    long nextNet = netlist.maxNet() + 1;
    int largest = 0;
    List<Long> nets = new ArrayList<>(loads.keySet());
    nets.sort(Long::compare);
    for (long net : nets) {
      List<Load> level = loads.get(net);
      if (net < 0 || !driven.contains(net) || untouchable.contains(net)) {
        continue;
      }
      largest = Math.max(largest, level.size());
      if (level.size() <= maxFanout) {
        continue;
      }
      while (level.size() > maxFanout) {
        int groups = (level.size() + maxFanout - 1) / maxFanout;
        List<Load> next = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
          int from = (int) ((long) level.size() * g / groups);
          int to = (int) ((long) level.size() * (g + 1) / groups);
          long output = nextNet++;
          String name = "fanout_buf_" + (buffers.size() + 1);
          for (Load load : level.subList(from, to)) {
            connect(load, output, netlist, byName, rewired, portNets);
          }
          Map<String, List<Long>> pins = new LinkedHashMap<>();
          pins.put(bufferInput, new ArrayList<>(List.of(net)));
          pins.put(bufferOutput, List.of(output));
          rewired.put(name, pins);
          Map<String, Boolean> directions = new LinkedHashMap<>();
          directions.put(bufferInput, false);
          directions.put(bufferOutput, true);
          Cell buffer = new Cell(name, bufferCell, directions, pins);
          byName.put(name, buffer);
          buffers.add(buffer);
          next.add(new Load(name, bufferInput, 0));
        }
        level = next;
      }
    }
    List<Cell> cells = new ArrayList<>(netlist.cells().size() + buffers.size());
    for (Cell cell : netlist.cells()) {
      Map<String, List<Long>> pins = rewired.get(cell.name());
      cells.add(pins == null ? cell : new Cell(cell.name(), cell.type(), cell.outputPins(), pins));
    }
    for (Cell buffer : buffers) {
      cells.add(new Cell(buffer.name(), buffer.type(), buffer.outputPins(), rewired.get(buffer.name())));
    }
    List<Port> ports = new ArrayList<>();
    for (Port port : netlist.ports()) {
      List<Long> changed = portNets.get(port.name());
      ports.add(changed == null ? port : new Port(port.name(), port.input(), changed));
    }
    return new Result(new GateNetlist(netlist.top(), ports, cells), buffers.size(), largest);
  }

  /** Moves one load onto {@code net}: a cell pin (of the design or a buffer added earlier) or an output port bit. */
  private static void connect(Load load, long net, GateNetlist netlist, Map<String, Cell> byName,
      Map<String, Map<String, List<Long>>> rewired, Map<String, List<Long>> portNets) {
    if (load.cell() == null) {
      List<Long> nets = portNets.computeIfAbsent(load.pin(), name -> new ArrayList<>(netlist.ports().stream()
          .filter(p -> p.name().equals(name)).findFirst().orElseThrow().nets()));
      nets.set(load.bit(), net);
      return;
    }
    Map<String, List<Long>> pins = rewired.computeIfAbsent(load.cell(), name -> {
      Map<String, List<Long>> copy = new LinkedHashMap<>();
      byName.get(name).pins().forEach((pin, nets) -> copy.put(pin, new ArrayList<>(nets)));
      return copy;
    });
    pins.get(load.pin()).set(load.bit(), net);
  }
}
