package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.bench.LutBench;
import dev.gatewright.nn.NetworkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --neurons}: a LogicNets-style JSON network as truth-table neurons, as adders, or as chosen. */
class TruthTableBuildCommandTest {

  @TempDir
  Path directory;

  private Path logicNets() {
    Path file = directory.resolve("jsc_lut.json");
    NetworkJson.write(LutBench.example(), file);
    return file;
  }

  private String build(Path network, String out, String... more) {
    String[] base = {"build", network.toString(), "--engine", "java", "--synth", "none", "--vectors", "200",
        "--out", directory.resolve(out).toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(0, args);
  }

  private JsonNode report(String out) throws Exception {
    return new ObjectMapper().readTree(directory.resolve(out).resolve("jsc_lut/report.json").toFile());
  }

  @Test
  void truthTableBuildsEveryDenseLayerOfALogicNetsNetworkAsTablesBitExact() throws Exception {
    String output = build(logicNets(), "tables", "--neurons", "truth-table");
    assertTrue(output.contains("neurons truth-table"), output);
    assertTrue(output.contains("truth-table neurons, by stage (LUTs by the cost model):"), output);
    for (String stage : new String[] {"fc1+relu2", "fc2+relu4", "fc3"}) {
      assertTrue(output.lines().anyMatch(l -> l.strip().startsWith(stage) && l.contains("truth tables: ")), output);
    }
    assertTrue(output.contains("argmax6 arithmetic: not a dense layer") || output.contains("arithmetic: not a dense"),
        output);
    assertTrue(output.contains("every output bit-exact against the golden model"), output);
    JsonNode report = report("tables");
    assertEquals("truth-table", report.at("/settings/neurons").asText());
    assertEquals(4, report.at("/cost/truthTables").size(), report.toString());
    assertTrue(report.at("/verification/bitExact").asBoolean());
  }

  @Test
  void autoBuildsTablesWhereTheCostModelPrefersThem() throws Exception {
    String output = build(logicNets(), "auto", "--neurons", "auto", "--table-bits", "8");
    assertTrue(output.contains("neurons auto"), output);
    assertTrue(output.contains("every output bit-exact against the golden model"), output);
    JsonNode report = report("auto");
    assertEquals("auto", report.at("/settings/neurons").asText());
    // the cost model puts each table below its adders on this network (286 < 1,369 LUTs for fc1)
    assertTrue(report.at("/cost/truthTables/0").asText().contains("truth tables"), report.toString());
  }

  @Test
  void arithmeticIsTheDefaultAndBuildsNoTables() throws Exception {
    for (String[] neurons : new String[][] {{}, {"--neurons", "ARITHMETIC"}}) {
      String output = build(logicNets(), "arithmetic", neurons);
      assertFalse(output.contains("truth-table neurons"), output);
      assertTrue(output.contains("every output bit-exact against the golden model"), output);
      JsonNode report = report("arithmetic");
      assertEquals("arithmetic", report.at("/settings/neurons").asText());
      assertEquals(0, report.at("/cost/truthTables").size());
    }
  }

  @Test
  void autoFallsBackToArithmeticWhereNoLayerFitsATable() throws Exception {
    Path tiny = directory.resolve("tiny.json");
    Files.writeString(tiny, NetworkCommandsTest.NETWORK);
    String output = CliRun.run(0, "build", tiny.toString(), "--neurons", "auto", "--engine", "java", "--synth",
        "none", "--vectors", "100", "--out", directory.resolve("tiny-auto").toString());
    assertTrue(output.contains("address bits > 12"), output);
    assertTrue(output.contains("every output bit-exact against the golden model"), output);
  }
}
