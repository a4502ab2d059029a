package dev.gatewright.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shows flow reports side by side: one column per run, one row per resource or measure, so design
 * points (pruned against dense, 6-bit against 16-bit) can be compared at a glance.
 *
 * <pre>
 * metric       mul_var4/xc7  mul_var2/xc7
 * LUT                     0             0
 * DSP48E1                 4             2
 * </pre>
 */
public final class ReportTable {

  private ReportTable() {}

  public static String render(List<FlowReport> reports) {
    if (reports.isEmpty()) {
      return "(no reports)\n";
    }
    Set<String> resourceRows = new LinkedHashSet<>();
    Set<String> measureRows = new LinkedHashSet<>();
    for (FlowReport r : reports) {
      resourceRows.addAll(r.resources().keySet());
      measureRows.addAll(r.measures().keySet());
    }
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[reports.size() + 1];
    header[0] = "metric";
    for (int i = 0; i < reports.size(); i++) {
      FlowReport r = reports.get(i);
      header[i + 1] = r.design() + "/" + r.target().id()
          + (r.status() == FlowReport.Status.COMPLETED ? "" : " (not run)");
    }
    rows.add(header);
    String[] toolRow = new String[reports.size() + 1];
    toolRow[0] = "tool";
    for (int i = 0; i < reports.size(); i++) {
      toolRow[i + 1] = reports.get(i).tool();
    }
    rows.add(toolRow);
    for (String name : resourceRows) {
      String[] row = new String[reports.size() + 1];
      row[0] = name;
      for (int i = 0; i < reports.size(); i++) {
        FlowReport r = reports.get(i);
        Long used = r.resources().get(name);
        Long of = r.available().get(name);
        row[i + 1] = used == null ? "-" : of == null ? used.toString() : used + " / " + of;
      }
      rows.add(row);
    }
    for (String name : measureRows) {
      String[] row = new String[reports.size() + 1];
      row[0] = name;
      for (int i = 0; i < reports.size(); i++) {
        Double value = reports.get(i).measures().get(name);
        row[i + 1] = value == null ? "-" : format(value);
      }
      rows.add(row);
    }
    int[] widths = new int[header.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      line.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", row[0]));
      for (int c = 1; c < row.length; c++) {
        line.append("  ").append(String.format(Locale.ROOT, "%" + widths[c] + "s", row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    for (FlowReport r : reports) {
      for (String note : r.notes()) {
        out.append(reports.size() > 1 ? r.design() + "/" + r.target().id() + ": " : "")
            .append(note).append('\n');
      }
    }
    return out.toString();
  }

  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
