package dev.gatewright.flow.fpga;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads Vivado's {@code report_utilization} and {@code report_timing_summary} text: the site-type
 * tables (used and available), the primitives table (cells by type) and the design timing summary
 * (WNS, TNS). Vivado versions differ in columns (some have "Prohibited"); the parser takes "Used"
 * from the second column and "Available" from the one before "Util%".
 */
public record VivadoReports(
    Map<String, Site> sites, Map<String, Long> primitives, OptionalDouble wnsNs,
    OptionalDouble tnsNs, double periodNs) {

  /** One row of a site-type table; {@code available} is -1 when the row has none. */
  public record Site(long used, long available) {}

  /** Report rows as Vivado names them, and the resource each one is. */
  private static final Map<String, String> SITE_NAMES = new LinkedHashMap<>();

  static {
    SITE_NAMES.put("Slice LUTs", FlowReport.LUT);
    SITE_NAMES.put("CLB LUTs", FlowReport.LUT);
    SITE_NAMES.put("Slice Registers", FlowReport.FF);
    SITE_NAMES.put("CLB Registers", FlowReport.FF);
    SITE_NAMES.put("DSPs", FlowReport.DSP48E1);
    SITE_NAMES.put("RAMB36/FIFO*", FlowReport.RAMB36E1);
    SITE_NAMES.put("RAMB36/FIFO", FlowReport.RAMB36E1);
    SITE_NAMES.put("RAMB18", FlowReport.RAMB18E1);
    SITE_NAMES.put("Bonded IOB", FlowReport.IO);
  }

  public static VivadoReports read(Path folder, double periodNs) {
    try {
      return parse(Files.readString(folder.resolve("utilization.rpt")),
          Files.readString(folder.resolve("timing_summary.rpt")), periodNs);
    } catch (IOException e) {
      throw new FlowException("Vivado ran but its reports cannot be read in " + folder + ": "
          + e.getMessage(), e);
    }
  }

  public static VivadoReports parse(String utilization, String timingSummary, double periodNs) {
    Map<String, Site> sites = new LinkedHashMap<>();
    Map<String, Long> primitives = new LinkedHashMap<>();
    boolean inPrimitives = false;
    for (String line : utilization.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.matches("\\d+\\.\\s+Primitives")) {
        inPrimitives = true;
        continue;
      }
      if (trimmed.matches("\\d+\\.\\s+.*") && !trimmed.contains("Primitives")) {
        inPrimitives = false;
      }
      if (!trimmed.startsWith("|")) {
        continue;
      }
      String[] cells = trimmed.substring(1).split("\\|");
      if (cells.length < 2) {
        continue;
      }
      String name = cells[0].strip();
      Long used = number(cells[1]);
      if (used == null) {
        continue;
      }
      if (inPrimitives) {
        primitives.merge(name, used, Long::sum);
        continue;
      }
      String resource = SITE_NAMES.get(name);
      if (resource != null && !sites.containsKey(resource) && cells.length >= 4) {
        Long available = number(cells[cells.length - 2]);
        sites.put(resource, new Site(used, available == null ? -1 : available));
      }
    }
    OptionalDouble wns = OptionalDouble.empty();
    OptionalDouble tns = OptionalDouble.empty();
    String[] lines = timingSummary.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("WNS(ns)") && lines[i].contains("TNS(ns)")) {
        for (int j = i + 1; j < lines.length; j++) {
          String row = lines[j].strip();
          if (row.isEmpty() || row.startsWith("-")) {
            continue;
          }
          String[] fields = row.split("\\s+");
          try {
            double worst = Double.parseDouble(fields[0]);
            double total = Double.parseDouble(fields[1]);
            wns = OptionalDouble.of(worst);
            tns = OptionalDouble.of(total);
          } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // a summary without numbers (no clocks): leave timing empty
          }
          break;
        }
        break;
      }
    }
    return new VivadoReports(sites, primitives, wns, tns, periodNs);
  }

  /** Adds the resources and timing to a report; Fmax is the period less the worst slack. */
  public void addTo(FlowReport.Builder report) {
    sites.forEach((resource, site) -> {
      report.resource(resource, site.used());
      if (site.available() >= 0) {
        report.available(resource, site.available());
      }
    });
    if (primitives.containsKey("CARRY4")) {
      report.resource(FlowReport.CARRY4, primitives.get("CARRY4"));
    }
    report.cells(primitives);
    wnsNs.ifPresent(w -> {
      report.measure(FlowReport.WNS_NS, w);
      report.measure(FlowReport.FMAX_MHZ, 1000.0 / (periodNs - w));
    });
    tnsNs.ifPresent(t -> report.measure(FlowReport.TNS_NS, t));
  }

  private static Long number(String cell) {
    String text = cell.strip().replace(",", "");
    if (!text.matches("\\d+")) {
      return null;
    }
    return Long.parseLong(text);
  }
}
