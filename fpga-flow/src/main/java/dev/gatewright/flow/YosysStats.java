package dev.gatewright.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cell counts of a synthesized design, from the JSON that Yosys writes with
 * {@code tee -o stats.json stat -json}.
 */
public record YosysStats(long cells, Map<String, Long> cellsByType) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public YosysStats {
    cellsByType = Collections.unmodifiableMap(new TreeMap<>(cellsByType));
  }

  /** Reads the statistics of the whole design (or of {@code top} when Yosys wrote no summary). */
  public static YosysStats read(Path statsJson, String top) {
    JsonNode root;
    try {
      root = JSON.readTree(statsJson.toFile());
    } catch (IOException e) {
      throw new FlowException("could not read Yosys statistics " + statsJson + ": " + e.getMessage(), e);
    }
    JsonNode design = root.path("design");
    if (design.isMissingNode()) {
      design = root.path("modules").path("\\" + top);
    }
    if (design.isMissingNode()) {
      throw new FlowException("Yosys statistics " + statsJson + " have neither a design summary nor"
          + " module " + top);
    }
    Map<String, Long> byType = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = design.path("num_cells_by_type").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byType.put(e.getKey().startsWith("\\") ? e.getKey().substring(1) : e.getKey(),
          e.getValue().asLong());
    }
    return new YosysStats(design.path("num_cells").asLong(), byType);
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
