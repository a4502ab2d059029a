package dev.gatewright.flow.fpga;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.Xc7Delays;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pre-placement static timing estimate of a Yosys {@code synth_xilinx} netlist: the longest path from a
 * register or an input to a register or an output, with the cell delays of {@link Xc7Delays} and a net
 * delay that grows with fanout (no placement, so no real routing: an estimate, not a sign-off).
 *
 * <p>Inputs arrive at the clock edge and outputs are required by the next edge (no I/O budget: the same
 * constraints as the SKY130 flow gives OpenSTA), so an {@code input → output} path counts like a register
 * path. Dedicated routes cost nothing: a CARRY4's CO into the next CARRY4's CI, a LUT into a MUXF7, a MUXF7
 * into a MUXF8, a LUT into the S or DI of a CARRY4 when it feeds nothing else (it sits in the carry's slice),
 * the pad side of an I/O buffer. One pass over the cells in topological order: linear in the
 * netlist's size.
 */
public final class Xc7Timing {

  /** Where a path starts and ends. */
  public enum PathClass {
    REGISTER_TO_REGISTER("register to register"),
    INPUT_TO_REGISTER("input to register"),
    REGISTER_TO_OUTPUT("register to output"),
    INPUT_TO_OUTPUT("input to output");

    private final String label;

    PathClass(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The slowest path of one class: its delay including clock-to-out and setup, and every stage. */
  public record TimedPath(PathClass pathClass, double delayNs, String startpoint, String endpoint,
      List<CriticalPath.Point> points) {
    public TimedPath {
      points = List.copyOf(points);
    }

    /** Cells on the path after the start, before the end. */
    public int logicStages() {
      return Math.max(0, points.size() - 2);
    }

    /** This path as a {@link CriticalPath} against a clock period. */
    public CriticalPath criticalPath(double periodNs) {
      return new CriticalPath(startpoint, endpoint, delayNs, periodNs, periodNs - delayNs, points);
    }
  }

  /**
   * The estimate: the slowest path of each class that the design has, and the cell types treated as
   * black boxes (with how many cells of each).
   */
  public record Estimate(Map<PathClass, TimedPath> slowest, Map<String, Integer> blackBoxes) {
    public Estimate {
      slowest = Collections.unmodifiableMap(new EnumMap<>(slowest));
      blackBoxes = Collections.unmodifiableMap(new TreeMap<>(blackBoxes));
    }

    /** The slowest path of all classes, empty when the design has no timed path. */
    public Optional<TimedPath> critical() {
      return slowest.values().stream().max((a, b) -> Double.compare(a.delayNs(), b.delayNs()));
    }

    /** The clock the slowest path allows, in MHz. */
    public Optional<Double> fmaxMhz() {
      return critical().map(p -> 1000.0 / p.delayNs());
    }
  }

  private final MappedNetlist netlist;
  private final Xc7Delays delays;
  private final Xc7CellTiming cells;
  private final Xc7CellTiming.Kind[] kinds;
  private final int[] driverCell;
  private final boolean[] portNet;
  private final int[] fanout;
  private final int[] order;

  private Xc7Timing(MappedNetlist netlist, Xc7Delays delays) {
    this.netlist = netlist;
    this.delays = delays;
    this.cells = new Xc7CellTiming(delays);
    int n = netlist.cells().size();
    kinds = new Xc7CellTiming.Kind[n];
    driverCell = new int[netlist.nets()];
    Arrays.fill(driverCell, -1);
    portNet = new boolean[netlist.nets()];
    fanout = new int[netlist.nets()];
    for (int c = 0; c < n; c++) {
      MappedNetlist.Cell cell = netlist.cells().get(c);
      kinds[c] = cells.kind(cell);
      for (MappedNetlist.Pin out : cell.outputs()) {
        if (out.net() != MappedNetlist.CONSTANT) {
          driverCell[out.net()] = c;
        }
      }
      for (MappedNetlist.Pin in : cell.inputs()) {
        if (in.net() != MappedNetlist.CONSTANT) {
          fanout[in.net()]++;
        }
      }
    }
    for (MappedNetlist.Port port : netlist.ports()) {
      for (int net : port.nets()) {
        if (net != MappedNetlist.CONSTANT) {
          portNet[net] = true;
          if (!port.input()) {
            fanout[net]++;
          }
        }
      }
    }
    order = topologicalOrder();
  }

  /** Times {@code netlist} with {@code delays}; fails naming the cells of a combinational loop. */
  public static Estimate analyze(MappedNetlist netlist, Xc7Delays delays) {
    Xc7Timing timing = new Xc7Timing(netlist, delays);
    Map<PathClass, TimedPath> slowest = new EnumMap<>(PathClass.class);
    timing.propagate(true, slowest);
    timing.propagate(false, slowest);
    Map<String, Integer> blackBoxes = new TreeMap<>();
    for (int c = 0; c < timing.kinds.length; c++) {
      if (timing.kinds[c] == Xc7CellTiming.Kind.BLACK_BOX) {
        blackBoxes.merge(netlist.cells().get(c).type(), 1, Integer::sum);
      }
    }
    return new Estimate(slowest, blackBoxes);
  }

  private boolean isLogic(int cell) {
    return cell >= 0 && kinds[cell] == Xc7CellTiming.Kind.LOGIC;
  }

  /** Inputs through which paths go on: LOGIC pins of LOGIC cells, on a net. */
  private boolean throughPin(int cell, MappedNetlist.Pin pin) {
    return pin.net() != MappedNetlist.CONSTANT && isLogic(cell)
        && cells.role(netlist.cells().get(cell), pin) == Xc7CellTiming.Role.LOGIC;
  }

  private int[] topologicalOrder() {
    int n = kinds.length;
    int[] waiting = new int[n];
    // loads[net] = the logic cells that read it, once per pin (CSR)
    int[] start = new int[netlist.nets() + 1];
    for (int c = 0; c < n; c++) {
      for (MappedNetlist.Pin in : netlist.cells().get(c).inputs()) {
        if (throughPin(c, in) && isLogic(driverCell[in.net()])) {
          waiting[c]++;
          start[in.net() + 1]++;
        }
      }
    }
    for (int i = 0; i < netlist.nets(); i++) {
      start[i + 1] += start[i];
    }
    int[] loads = new int[start[netlist.nets()]];
    int[] fill = Arrays.copyOf(start, netlist.nets());
    for (int c = 0; c < n; c++) {
      for (MappedNetlist.Pin in : netlist.cells().get(c).inputs()) {
        if (throughPin(c, in) && isLogic(driverCell[in.net()])) {
          loads[fill[in.net()]++] = c;
        }
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    int logicCells = 0;
    for (int c = 0; c < n; c++) {
      if (isLogic(c)) {
        logicCells++;
        if (waiting[c] == 0) {
          ready.add(c);
        }
      }
    }
    int[] order = new int[logicCells];
    int done = 0;
    while (!ready.isEmpty()) {
      int c = ready.poll();
      order[done++] = c;
      for (MappedNetlist.Pin out : netlist.cells().get(c).outputs()) {
        if (out.net() == MappedNetlist.CONSTANT) {
          continue;
        }
        for (int k = start[out.net()]; k < start[out.net() + 1]; k++) {
          if (--waiting[loads[k]] == 0) {
            ready.add(loads[k]);
          }
        }
      }
    }
    if (done < logicCells) {
      List<String> stuck = new ArrayList<>();
      for (int c = 0; c < n && stuck.size() < 6; c++) {
        if (isLogic(c) && waiting[c] > 0) {
          MappedNetlist.Cell cell = netlist.cells().get(c);
          stuck.add(cell.type() + " " + cell.name() + " (driving "
              + (cell.outputs().isEmpty() ? "nothing" : netlist.netName(cell.outputs().get(0).net())) + ")");
        }
      }
      throw new FlowException(String.format(Locale.ROOT, "the xc7 timing estimate found a combinational loop:"
          + " %d of %d logic cells sit on or behind a cycle, e.g. %s; a loop has no longest path (look for a"
          + " combinational path from a signal back to itself)", logicCells - done, logicCells,
          String.join(", ", stuck)));
    }
    return order;
  }

  /** The delay of the net {@code net} to an input pin {@code port} of the cell {@code load} (-1: an output port). */
  private double wire(int net, int load, String port) {
    int driver = driverCell[net];
    String driverType = driver >= 0 ? netlist.cells().get(driver).type() : "";
    String loadType = load >= 0 ? netlist.cells().get(load).type() : "";
    if (driverType.equals("CARRY4") && loadType.equals("CARRY4") && port.equals("CI")) {
      return 0;
    }
    if (loadType.equals("CARRY4") && (port.equals("S") || port.equals("DI")) && Xc7CellTiming.isLut(driverType)
        && fanout[net] == 1) {
      return 0; // a LUT that only feeds its carry sits in the carry's slice
    }
    if ((loadType.equals("MUXF7") || loadType.equals("MUXF8")) && (port.equals("I0") || port.equals("I1"))
        && (Xc7CellTiming.isLut(driverType) || driverType.equals("MUXF7"))) {
      return 0;
    }
    if (load >= 0 && portNet[net] && Xc7CellTiming.isIoBuffer(loadType)) {
      return 0; // pad to input buffer
    }
    if (load < 0 && Xc7CellTiming.isIoBuffer(driverType)) {
      return 0; // output buffer to pad
    }
    return delays.netDelay(fanout[net]);
  }

  private void propagate(boolean fromRegisters, Map<PathClass, TimedPath> slowest) {
    int nets = netlist.nets();
    double[] arrival = new double[nets];
    Arrays.fill(arrival, Double.NEGATIVE_INFINITY);
    int[] predNet = new int[nets];
    Arrays.fill(predNet, -1);
    if (fromRegisters) {
      for (int c = 0; c < kinds.length; c++) {
        if (kinds[c] == Xc7CellTiming.Kind.SEQUENTIAL || kinds[c] == Xc7CellTiming.Kind.BLACK_BOX) {
          double launch = cells.clockToOut(netlist.cells().get(c));
          for (MappedNetlist.Pin out : netlist.cells().get(c).outputs()) {
            if (out.net() != MappedNetlist.CONSTANT) {
              arrival[out.net()] = launch;
            }
          }
        }
      }
    } else {
      for (MappedNetlist.Port port : netlist.ports()) {
        if (port.input()) {
          for (int net : port.nets()) {
            if (net != MappedNetlist.CONSTANT) {
              arrival[net] = 0;
            }
          }
        }
      }
    }
    for (int c : order) {
      MappedNetlist.Cell cell = netlist.cells().get(c);
      for (MappedNetlist.Pin out : cell.outputs()) {
        if (out.net() == MappedNetlist.CONSTANT) {
          continue;
        }
        double best = Double.NEGATIVE_INFINITY;
        int from = -1;
        for (MappedNetlist.Pin in : cell.inputs()) {
          if (!throughPin(c, in) || arrival[in.net()] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double arc = cells.arc(cell, in, out);
          if (Double.isNaN(arc)) {
            continue;
          }
          double t = arrival[in.net()] + wire(in.net(), c, in.port()) + arc;
          if (t > best) {
            best = t;
            from = in.net();
          }
        }
        arrival[out.net()] = best;
        predNet[out.net()] = from;
      }
    }
    // endpoints: register data inputs, black-box inputs, output ports
    PathClass toRegister = fromRegisters ? PathClass.REGISTER_TO_REGISTER : PathClass.INPUT_TO_REGISTER;
    PathClass toOutput = fromRegisters ? PathClass.REGISTER_TO_OUTPUT : PathClass.INPUT_TO_OUTPUT;
    double worstReg = Double.NEGATIVE_INFINITY;
    int worstRegCell = -1;
    MappedNetlist.Pin worstRegPin = null;
    for (int c = 0; c < kinds.length; c++) {
      if (kinds[c] == Xc7CellTiming.Kind.CONSTANT) {
        continue;
      }
      MappedNetlist.Cell cell = netlist.cells().get(c);
      for (MappedNetlist.Pin in : cell.inputs()) {
        if (in.net() == MappedNetlist.CONSTANT || arrival[in.net()] == Double.NEGATIVE_INFINITY
            || cells.role(cell, in) != Xc7CellTiming.Role.ENDPOINT) {
          continue;
        }
        double t = arrival[in.net()] + wire(in.net(), c, in.port()) + cells.setup(cell);
        if (t > worstReg) {
          worstReg = t;
          worstRegCell = c;
          worstRegPin = in;
        }
      }
    }
    if (worstRegPin != null) {
      MappedNetlist.Cell cell = netlist.cells().get(worstRegCell);
      double last = wire(worstRegPin.net(), worstRegCell, worstRegPin.port()) + cells.setup(cell);
      String end = registerName(cell) + "/" + worstRegPin.label(busPort(cell, worstRegPin.port()));
      slowest.put(toRegister, path(toRegister, worstReg, worstRegPin.net(), arrival, predNet,
          new CriticalPath.Point(end, cell.type(), true, last, worstReg, 0)));
    }
    double worstOut = Double.NEGATIVE_INFINITY;
    int worstOutNet = -1;
    String worstOutName = null;
    for (MappedNetlist.Port port : netlist.ports()) {
      if (port.input()) {
        continue;
      }
      for (int i = 0; i < port.nets().length; i++) {
        int net = port.nets()[i];
        if (net == MappedNetlist.CONSTANT || arrival[net] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double t = arrival[net] + wire(net, -1, port.name());
        if (t > worstOut) {
          worstOut = t;
          worstOutNet = net;
          worstOutName = port.nets().length == 1 ? port.name() : port.name() + "[" + i + "]";
        }
      }
    }
    if (worstOutNet >= 0) {
      slowest.put(toOutput, path(toOutput, worstOut, worstOutNet, arrival, predNet,
          new CriticalPath.Point(worstOutName, "out", true, worstOut - arrival[worstOutNet], worstOut, 0)));
    }
  }

  /** Walks back from the net at an endpoint to where its latest arrival started. */
  private TimedPath path(PathClass pathClass, double delay, int endNet, double[] arrival, int[] predNet,
      CriticalPath.Point end) {
    List<CriticalPath.Point> points = new ArrayList<>();
    points.add(end);
    int net = endNet;
    while (predNet[net] >= 0) {
      MappedNetlist.Cell cell = netlist.cells().get(driverCell[net]);
      points.add(new CriticalPath.Point(netlist.netName(net), cell.type(), true, arrival[net] - arrival[predNet[net]],
          arrival[net], 0));
      net = predNet[net];
    }
    int driver = driverCell[net];
    CriticalPath.Point start;
    if (driver >= 0 && !isLogic(driver)) {
      MappedNetlist.Cell cell = netlist.cells().get(driver);
      start = new CriticalPath.Point(netlist.netName(net), cell.type(), true, arrival[net], arrival[net], 0);
    } else {
      start = new CriticalPath.Point(netlist.netName(net), "in", true, 0, arrival[net], 0);
    }
    points.add(start);
    Collections.reverse(points);
    return new TimedPath(pathClass, delay, start.pin(), end.pin(), points);
  }

  /** A register's name: the net on its first output (a flip-flop's Q is the register). */
  private String registerName(MappedNetlist.Cell cell) {
    for (MappedNetlist.Pin out : cell.outputs()) {
      if (out.net() != MappedNetlist.CONSTANT) {
        return netlist.netName(out.net());
      }
    }
    return cell.name();
  }

  private static boolean busPort(MappedNetlist.Cell cell, String port) {
    return cell.inputs().stream().filter(p -> p.port().equals(port)).count() > 1;
  }
}
