package dev.gatewright.flow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The slowest path a static timing analysis found: where it starts (a flip-flop's clock pin or an input
 * port) and ends (a flip-flop's data pin or an output port), when its data arrives, when it is required,
 * the slack, and every pin on the way.
 *
 * @param startpoint the path's first pin or port, e.g. {@code _26292_} or {@code load}
 * @param endpoint the path's last pin or port
 * @param points each pin on the path in order, cell inputs and outputs
 */
public record CriticalPath(String startpoint, String endpoint, double arrivalNs, double requiredNs, double slackNs,
    List<Point> points) {

  public CriticalPath {
    Objects.requireNonNull(startpoint, "startpoint");
    Objects.requireNonNull(endpoint, "endpoint");
    points = List.copyOf(points);
  }

  /**
   * One pin on the path: {@code pin} as the timer names it ({@code _22112_/Y}, or a port), {@code cell}
   * its cell type (or {@code in}/{@code out} for a port), whether the signal rises there, the delay
   * added at this point and the arrival time, and the transition (slew) there.
   */
  public record Point(String pin, String cell, boolean rising, double delayNs, double arrivalNs, double slewNs) {

    public Point {
      Objects.requireNonNull(pin, "pin");
      Objects.requireNonNull(cell, "cell");
    }

    /** The instance the pin belongs to: the part before the last {@code /}, or the port itself. */
    public String instance() {
      int slash = pin.lastIndexOf('/');
      return slash < 0 ? pin : pin.substring(0, slash);
    }
  }

  /** How many cells the data passes through, the start and end flip-flops included. */
  public int stages() {
    Set<String> cells = new LinkedHashSet<>();
    for (Point point : points) {
      if (!point.cell().equals("in") && !point.cell().equals("out")) {
        cells.add(point.instance());
      }
    }
    return cells.size();
  }
}
