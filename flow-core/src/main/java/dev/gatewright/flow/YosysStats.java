package dev.gatewright.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cell counts of a synthesized design, from the JSON that Yosys writes with
 * {@code tee -o stats.json stat -json}.
 */
public record YosysStats(long cells, Map<String, Long> cellsByType) {

  /** Yosys 0.23's {@code stat -json} leaves a trailing comma after "modules" when no module is the top. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

  public YosysStats {
    cellsByType = Collections.unmodifiableMap(new TreeMap<>(cellsByType));
  }

  /** Reads the statistics of the whole design (or of {@code top} when Yosys wrote no summary). */
  public static YosysStats read(Path statsJson, String top) {
    JsonNode root = parse(statsJson);
    JsonNode design = root.path("design");
    if (design.isMissingNode()) {
      design = root.path("modules").path("\\" + top);
    }
    if (design.isMissingNode()) {
      throw new FlowException("Yosys statistics " + statsJson + " have neither a design summary nor"
          + " module " + top);
    }
    return of(design);
  }

  /** Reads the statistics of one module alone: instances of its child modules count as cells. */
  public static YosysStats readModule(Path statsJson, String module) {
    JsonNode node = parse(statsJson).path("modules").path("\\" + module);
    if (node.isMissingNode()) {
      throw new FlowException("Yosys statistics " + statsJson + " have no module " + module);
    }
    return of(node);
  }

  static JsonNode parse(Path statsJson) {
    try {
      return JSON.readTree(statsJson.toFile());
    } catch (IOException e) {
      throw new FlowException("could not read Yosys statistics " + statsJson + ": " + e.getMessage(), e);
    }
  }

  private static YosysStats of(JsonNode design) {
    Map<String, Long> byType = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = design.path("num_cells_by_type").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byType.put(e.getKey().startsWith("\\") ? e.getKey().substring(1) : e.getKey(),
          e.getValue().asLong());
    }
    return new YosysStats(design.path("num_cells").asLong(), byType);
  }

  /** These statistics without the cells of the given types (e.g. a module's child instances). */
  public YosysStats without(Collection<String> types) {
    Map<String, Long> byType = new TreeMap<>(cellsByType);
    long removed = 0;
    for (String type : types) {
      Long n = byType.remove(type);
      removed += n == null ? 0 : n;
    }
    return new YosysStats(cells - removed, byType);
  }

  public long count(String type) {
    return cellsByType.getOrDefault(type, 0L);
  }

  /** The number of cells whose type starts with {@code prefix}. */
  public long countStartingWith(String prefix) {
    return cellsByType.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
