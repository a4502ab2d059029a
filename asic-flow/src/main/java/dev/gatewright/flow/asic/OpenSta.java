package dev.gatewright.flow.asic;

import dev.gatewright.flow.CriticalPath;
import dev.gatewright.flow.FlowException;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static timing analysis of a gate-level netlist with OpenSTA ({@code sta}, Debian package {@code
 * opensta}), under the constraints OpenLane uses for a block: the clock on its port (ideal, no clock
 * tree yet), every other input driven by a {@code sky130_fd_sc_hd__inv_2} and arriving at the clock
 * edge, every output loaded with 33.442 fF and required at the next edge. A design without the clock
 * port is timed against a virtual clock of the same period, input to output.
 *
 * <p>The 2019 OpenSTA in Debian has no {@code report_worst_slack}: the worst slack is read from the
 * slowest path of {@code report_checks}, WNS and TNS from {@code report_wns} and {@code report_tns}.
 */
public final class OpenSta {

  public static final String DRIVING_CELL = "sky130_fd_sc_hd__inv_2";
  public static final String DRIVING_PIN = "Y";
  public static final double OUTPUT_LOAD_PF = 0.033442;

  private static final Pattern START = Pattern.compile("(?m)^Startpoint: (\\S+)");
  private static final Pattern END = Pattern.compile("(?m)^Endpoint: (\\S+)");
  private static final Pattern POINT = Pattern.compile("^\\s*((?:-?[0-9.]+\\s+)+)([\\^v])\\s+(\\S+)\\s+\\(([^)]+)\\)\\s*$");
  private static final Pattern ARRIVAL = Pattern.compile("(?m)^\\s*(-?[0-9.]+)\\s+data arrival time");
  private static final Pattern REQUIRED = Pattern.compile("(?m)^\\s*(-?[0-9.]+)\\s+data required time");
  private static final Pattern SLACK = Pattern.compile("(?m)^\\s*(-?[0-9.]+)\\s+slack \\((MET|VIOLATED)\\)");
  private static final Pattern WNS = Pattern.compile("(?m)^wns (-?[0-9.]+)");
  private static final Pattern TNS = Pattern.compile("(?m)^tns (-?[0-9.]+)");

  private OpenSta() {}

  /**
   * What the timer found at the clock period it was given: WNS and TNS (0 when met), the worst slack,
   * the frequency the slowest path allows, and that path (null when the design has no timed path).
   */
  public record Timing(double periodNs, double wnsNs, double tnsNs, double worstSlackNs, CriticalPath criticalPath) {

    /** The clock the slowest path allows: 1 / (period - worst slack). */
    public double fmaxMhz() {
      return 1000.0 / (periodNs - worstSlackNs);
    }
  }

  /**
   * Times {@code netlist} (a Verilog file in {@code folder}) with {@code liberty}, writing {@code sta.tcl}
   * and {@code sta.log} there. {@code clockPort} is null for a design without a clock.
   */
  public static Timing run(Path folder, String netlist, Path liberty, String top, String clockPort, double periodNs,
      Duration timeout) {
    String script = script(netlist, liberty, top, clockPort, periodNs);
    AtomicFiles.writeString(folder.resolve("sta.tcl"), script);
    ToolResult result = ToolRunner.of(Tool.STA).in(folder).timeout(timeout).log(folder.resolve("sta.log"))
        .run("-no_init", "-exit", "sta.tcl").requireSuccess();
    return parse(result.output(), periodNs);
  }

  /** The Tcl script: read, link, constrain, report. */
  static String script(String netlist, Path liberty, String top, String clockPort, double periodNs) {
    String period = String.format(Locale.ROOT, "%.4f", periodNs);
    StringBuilder tcl = new StringBuilder();
    tcl.append("read_liberty ").append(brace(liberty.toAbsolutePath().toString())).append('\n');
    tcl.append("read_verilog ").append(brace(netlist)).append('\n');
    tcl.append("link_design ").append(brace(top)).append('\n');
    if (clockPort != null) {
      tcl.append("create_clock -name clk -period ").append(period).append(" [get_ports ").append(brace(clockPort))
          .append("]\n");
      tcl.append("set inputs [delete_from_list [all_inputs] [get_ports ").append(brace(clockPort)).append("]]\n");
    } else {
      tcl.append("create_clock -name clk -period ").append(period).append('\n');
      tcl.append("set inputs [all_inputs]\n");
    }
    tcl.append("if {[llength $inputs] > 0} {\n")
        .append("  set_input_delay 0 -clock clk $inputs\n")
        .append("  set_driving_cell -lib_cell ").append(DRIVING_CELL).append(" -pin ").append(DRIVING_PIN)
        .append(" $inputs\n}\n");
    tcl.append("if {[llength [all_outputs]] > 0} {\n")
        .append("  set_output_delay 0 -clock clk [all_outputs]\n")
        .append("  set_load ").append(OUTPUT_LOAD_PF).append(" [all_outputs]\n}\n");
    tcl.append("report_checks -path_delay max -fields {slew cap input_pins} -digits 4\n");
    tcl.append("report_tns\n");
    tcl.append("report_wns\n");
    return tcl.toString();
  }

  private static String brace(String text) {
    if (text.contains("{") || text.contains("}") || text.contains("\n")) {
      throw new FlowException("not usable in an OpenSTA script: " + text);
    }
    return "{" + text + "}";
  }

  /** Reads the report of {@link #script}. */
  static Timing parse(String report, double periodNs) {
    double wns = number(WNS, report, "wns");
    double tns = number(TNS, report, "tns");
    Matcher start = START.matcher(report);
    if (!start.find()) {
      if (report.contains("No paths found")) {
        return new Timing(periodNs, wns, tns, periodNs, null);
      }
      throw new FlowException("OpenSTA reported no path and did not say why (see sta.log)");
    }
    Matcher end = END.matcher(report);
    if (!end.find()) {
      throw new FlowException("OpenSTA's path report has no endpoint (see sta.log)");
    }
    double arrival = number(ARRIVAL, report, "data arrival time");
    double required = number(REQUIRED, report, "data required time");
    double slack = number(SLACK, report, "slack");
    List<CriticalPath.Point> points = new ArrayList<>();
    int from = report.indexOf('\n', start.start());
    int to = report.indexOf("data arrival time", from);
    for (String line : report.substring(from, to).split("\n")) {
      Matcher point = POINT.matcher(line);
      if (!point.matches() || point.group(3).equals("input")) {
        continue;   // clock lines, "input external delay"
      }
      String[] numbers = point.group(1).trim().split("\\s+");
      int n = numbers.length;
      double delay = Double.parseDouble(numbers[n - 2]);
      double time = Double.parseDouble(numbers[n - 1]);
      double slew = n >= 3 ? Double.parseDouble(numbers[n - 3]) : 0;
      points.add(new CriticalPath.Point(point.group(3), point.group(4), point.group(2).equals("^"), delay, time, slew));
    }
    return new Timing(periodNs, wns, tns, slack,
        new CriticalPath(start.group(1), end.group(1), arrival, required, slack, points));
  }

  private static double number(Pattern pattern, String report, String what) {
    Matcher matcher = pattern.matcher(report);
    if (!matcher.find()) {
      throw new FlowException("OpenSTA printed no " + what + " (see sta.log)");
    }
    return Double.parseDouble(matcher.group(1));
  }
}
