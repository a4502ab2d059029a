package dev.gatewright.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one flow run found: hardware resources (counts, in the order a reader wants them), measures
 * (area, delay, frequency), the raw cell counts by type, and notes for the reader (for instance how
 * to run a vendor script that was written but not run).
 *
 * <p>{@code criticalPath} is the slowest path of a static timing analysis where the flow ran one (null
 * otherwise).
 *
 * <p>Written as {@code report.json} into the run folder ({@link #toJson()}, {@link #fromJson(String)})
 * and shown as a table ({@link ReportTable}).
 */
public record FlowReport(
    String design,
    Target target,
    String tool,
    Status status,
    Path runDirectory,
    Map<String, Long> resources,
    Map<String, Long> available,
    Map<String, Double> measures,
    Map<String, Long> cellsByType,
    List<String> notes,
    Duration elapsed,
    CriticalPath criticalPath) {

  /** Whether the flow's tool actually ran. */
  public enum Status {
    /** The tools ran and the numbers are theirs. */
    COMPLETED,
    /** Scripts were written but the tool is not installed here; the notes say how to run them. */
    SCRIPTS_WRITTEN
  }

  // Resource names. FPGA ones are the vendors' primitive names.
  public static final String LUT = "LUT";
  public static final String FF = "FF";
  public static final String DSP48E1 = "DSP48E1";
  public static final String CARRY4 = "CARRY4";
  public static final String RAMB36E1 = "RAMB36E1";
  public static final String RAMB18E1 = "RAMB18E1";
  public static final String LUTRAM = "LUTRAM";
  public static final String SRL = "SRL";
  public static final String MUXF = "MUXF7/8";
  public static final String IO = "IO";
  public static final String ICESTORM_LC = "ICESTORM_LC";
  public static final String ICESTORM_RAM = "ICESTORM_RAM";
  public static final String ICESTORM_DSP = "ICESTORM_DSP";
  public static final String SB_IO = "SB_IO";
  public static final String SB_GB = "SB_GB";
  public static final String CELLS = "cells";
  public static final String FLIP_FLOPS = "flip-flops";
  public static final String FANOUT_BUFFERS = "fanout buffers";

  // Measure names.
  public static final String FMAX_MHZ = "fmax_mhz";
  public static final String TARGET_MHZ = "target_mhz";
  public static final String CLOCK_PERIOD_NS = "clock_period_ns";
  public static final String AREA_UM2 = "area_um2";
  public static final String DELAY_NS = "delay_ns";
  public static final String WNS_NS = "wns_ns";
  /** The slack of the slowest path, positive when the clock is met (WNS is then 0). */
  public static final String WORST_SLACK_NS = "worst_slack_ns";
  /** The frequency ABC's own delay estimate would allow, beside the timer's {@link #FMAX_MHZ}. */
  public static final String ABC_FMAX_MHZ = "abc_fmax_mhz";
  public static final String TNS_NS = "tns_ns";
  /**
   * The clock a pre-placement timing estimate allows (the xc7 flow: a delay model over Yosys' mapped netlist,
   * no place and route), beside {@link #FMAX_MHZ}, which is always a placed-and-routed or sign-off timer's.
   */
  public static final String ESTIMATED_FMAX_MHZ = "estimated_fmax_mhz";
  public static final String POWER_W = "power_w";
  public static final String DRC_ERRORS = "drc_errors";
  public static final String LVS_ERRORS = "lvs_errors";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public FlowReport {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(runDirectory, "runDirectory");
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    available = Collections.unmodifiableMap(new LinkedHashMap<>(available));
    measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    cellsByType = Collections.unmodifiableMap(new TreeMap<>(cellsByType));
    notes = List.copyOf(notes);
    elapsed = Duration.ofMillis(Objects.requireNonNull(elapsed, "elapsed").toMillis());
  }

  /** A resource count, 0 when the run found none of it. */
  public long resource(String name) {
    return resources.getOrDefault(name, 0L);
  }

  public OptionalLong availableOf(String name) {
    Long value = available.get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  public OptionalDouble measure(String name) {
    Double value = measures.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** A copy that names the run folder and the run's duration. */
  public FlowReport withRun(Path directory, Duration runTime) {
    return new FlowReport(design, target, tool, status, directory, resources, available, measures,
        cellsByType, notes, runTime, criticalPath);
  }

  /** Starts a report; {@link FlowRun} fills in the run folder and the elapsed time. */
  public static Builder builder(String design, Target target, String tool) {
    return new Builder(design, target, tool);
  }

  /** Collects a report's numbers in the order they are added. */
  public static final class Builder {
    private final String design;
    private final Target target;
    private final String tool;
    private Status status = Status.COMPLETED;
    private final Map<String, Long> resources = new LinkedHashMap<>();
    private final Map<String, Long> available = new LinkedHashMap<>();
    private final Map<String, Double> measures = new LinkedHashMap<>();
    private final Map<String, Long> cellsByType = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private CriticalPath criticalPath;

    private Builder(String design, Target target, String tool) {
      this.design = Objects.requireNonNull(design, "design");
      this.target = Objects.requireNonNull(target, "target");
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public Builder resource(String name, long count) {
      resources.put(name, count);
      return this;
    }

    public Builder available(String name, long count) {
      available.put(name, count);
      return this;
    }

    public Builder measure(String name, double value) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("measure " + name + " is not a finite number: " + value);
      }
      measures.put(name, value);
      return this;
    }

    public Builder cells(Map<String, Long> cells) {
      cellsByType.putAll(cells);
      return this;
    }

    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public Builder criticalPath(CriticalPath path) {
      this.criticalPath = Objects.requireNonNull(path, "path");
      return this;
    }

    public FlowReport build() {
      return new FlowReport(design, target, tool, status, Path.of(""), resources, available,
          measures, cellsByType, notes, Duration.ZERO, criticalPath);
    }
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("design", design);
    root.put("target", target.id());
    root.put("tool", tool);
    root.put("status", status.name());
    root.put("runDirectory", runDirectory.toString());
    ObjectNode res = root.putObject("resources");
    resources.forEach(res::put);
    ObjectNode avail = root.putObject("available");
    available.forEach(avail::put);
    ObjectNode meas = root.putObject("measures");
    measures.forEach(meas::put);
    ObjectNode cells = root.putObject("cellsByType");
    cellsByType.forEach(cells::put);
    ArrayNode noteArray = root.putArray("notes");
    notes.forEach(noteArray::add);
    root.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
    if (criticalPath != null) {
      ObjectNode path = root.putObject("criticalPath");
      path.put("startpoint", criticalPath.startpoint());
      path.put("endpoint", criticalPath.endpoint());
      path.put("stages", criticalPath.stages());
      path.put("arrivalNs", criticalPath.arrivalNs());
      path.put("requiredNs", criticalPath.requiredNs());
      path.put("slackNs", criticalPath.slackNs());
      ArrayNode points = path.putArray("points");
      for (CriticalPath.Point point : criticalPath.points()) {
        ObjectNode p = points.addObject();
        p.put("pin", point.pin());
        p.put("cell", point.cell());
        p.put("edge", point.rising() ? "rise" : "fall");
        p.put("delayNs", point.delayNs());
        p.put("arrivalNs", point.arrivalNs());
        p.put("slewNs", point.slewNs());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FlowReport fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new FlowException("not a flow report: " + e.getMessage(), e);
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    return new FlowReport(
        root.path("design").asText(),
        Target.parse(root.path("target").asText()),
        root.path("tool").asText(),
        Status.valueOf(root.path("status").asText()),
        Path.of(root.path("runDirectory").asText()),
        longs(root.path("resources")),
        longs(root.path("available")),
        doubles(root.path("measures")),
        longs(root.path("cellsByType")),
        notes,
        Duration.ofMillis(Math.round(root.path("elapsedSeconds").asDouble() * 1000)),
        criticalPath(root.path("criticalPath")));
  }

  private static CriticalPath criticalPath(JsonNode path) {
    if (path.isMissingNode() || path.isNull()) {
      return null;
    }
    List<CriticalPath.Point> points = new ArrayList<>();
    path.path("points").forEach(p -> points.add(new CriticalPath.Point(p.path("pin").asText(), p.path("cell").asText(),
        p.path("edge").asText().equals("rise"), p.path("delayNs").asDouble(), p.path("arrivalNs").asDouble(),
        p.path("slewNs").asDouble())));
    return new CriticalPath(path.path("startpoint").asText(), path.path("endpoint").asText(),
        path.path("arrivalNs").asDouble(), path.path("requiredNs").asDouble(), path.path("slackNs").asDouble(), points);
  }

  public static FlowReport read(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** Writes {@link #toJson()} to {@code file} atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, toJson());
  }

  /** The report as a table, followed by its notes. */
  @Override
  public String toString() {
    return ReportTable.render(List.of(this));
  }

  private static Map<String, Long> longs(JsonNode node) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), e.getValue().asLong());
    }
    return map;
  }

  private static Map<String, Double> doubles(JsonNode node) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), e.getValue().asDouble());
    }
    return map;
  }
}
