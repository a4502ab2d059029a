package dev.gatewright.flow.fpga;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Quartus' {@code <top>.fit.summary} ("Logic utilization (in ALMs) : 12 / 32,070 ( < 1 % )")
 * and {@code <top>.sta.summary} (the worst setup slack and its TNS over all corners).
 */
public record QuartusReports(Map<String, VivadoReports.Site> fitter, OptionalDouble wnsNs, OptionalDouble tnsNs,
    double periodNs) {

  private static final Pattern FIT_LINE =
      Pattern.compile("^\\s*([^:]+?)\\s*:\\s*([\\d,]+)(?:\\s*/\\s*([\\d,]+))?.*$");
  private static final Map<String, String> FIT_NAMES = new LinkedHashMap<>();

  static {
    FIT_NAMES.put("Logic utilization (in ALMs)", "ALM");
    FIT_NAMES.put("Total logic elements", "LE");
    FIT_NAMES.put("Total registers", FlowReport.FF);
    FIT_NAMES.put("Total DSP Blocks", "DSP");
    FIT_NAMES.put("Embedded Multiplier 9-bit elements", "DSP");
    FIT_NAMES.put("Total block memory bits", "block memory bits");
    FIT_NAMES.put("Total pins", FlowReport.IO);
  }

  public static QuartusReports read(Path outputFiles, String top, double periodNs) {
    try {
      return parse(Files.readString(outputFiles.resolve(top + ".fit.summary")),
          Files.readString(outputFiles.resolve(top + ".sta.summary")), periodNs);
    } catch (IOException e) {
      throw new FlowException("Quartus ran but its summaries cannot be read in " + outputFiles
          + ": " + e.getMessage(), e);
    }
  }

  public static QuartusReports parse(String fitSummary, String staSummary, double periodNs) {
    Map<String, VivadoReports.Site> fitter = new LinkedHashMap<>();
    for (String line : fitSummary.split("\n")) {
      Matcher m = FIT_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String resource = FIT_NAMES.get(m.group(1));
      if (resource != null && !fitter.containsKey(resource)) {
        long used = Long.parseLong(m.group(2).replace(",", ""));
        long available = m.group(3) == null ? -1 : Long.parseLong(m.group(3).replace(",", ""));
        fitter.put(resource, new VivadoReports.Site(used, available));
      }
    }
    OptionalDouble wns = OptionalDouble.empty();
    OptionalDouble tns = OptionalDouble.empty();
    boolean setup = false;
    for (String line : staSummary.split("\n")) {
      String[] kv = line.split(":", 2);
      if (kv.length != 2) {
        continue;
      }
      String key = kv[0].strip();
      String value = kv[1].strip();
      if (key.equals("Type")) {
        setup = value.contains("Setup");
      } else if (setup && key.equals("Slack")) {
        double slack = Double.parseDouble(value);
        wns = OptionalDouble.of(wns.isPresent() ? Math.min(wns.getAsDouble(), slack) : slack);
      } else if (setup && key.equals("TNS")) {
        double total = Double.parseDouble(value);
        tns = OptionalDouble.of(tns.isPresent() ? Math.min(tns.getAsDouble(), total) : total);
      }
    }
    return new QuartusReports(fitter, wns, tns, periodNs);
  }

  public void addTo(FlowReport.Builder report) {
    fitter.forEach((resource, site) -> {
      report.resource(resource, site.used());
      if (site.available() >= 0) {
        report.available(resource, site.available());
      }
    });
    wnsNs.ifPresent(w -> {
      report.measure(FlowReport.WNS_NS, w);
      report.measure(FlowReport.FMAX_MHZ, 1000.0 / (periodNs - w));
    });
    tnsNs.ifPresent(t -> report.measure(FlowReport.TNS_NS, t));
  }
}
