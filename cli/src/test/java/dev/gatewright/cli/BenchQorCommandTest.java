package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench qor} on a small network (the jet tagger and the TFC net are the benchmark's, minutes a
 * line): every style verified and synthesized, ratios to the naive line, rows in report.json.
 */
class BenchQorCommandTest {

  @TempDir Path directory;

  private Path tiny() throws Exception {
    return Files.writeString(directory.resolve("tiny.json"), NetworkCommandsTest.NETWORK);
  }

  @Test
  void comparesEveryStyleOnXc7WithRatiosToThePlainProductsAndPerWeightCsd() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    Path runs = directory.resolve("runs");
    String output = CliRun.run(0, "bench", "qor", "--network", tiny().toString(), "--target", "xc7",
        "--clock-mhz", "250", "--vectors", "50", "--jobs", "3", "--runs", runs.toString());
    JsonNode rows = new ObjectMapper().readTree(runs.resolve("qor/report.json").toFile()).path("rows");
    assertEquals(3, rows.size(), output);
    List<String> styles = new ArrayList<>();
    for (JsonNode row : rows) {
      styles.add(row.path("style").asText());
      assertEquals("tiny", row.path("model").asText());
      assertEquals("xc7", row.path("target").asText());
      assertEquals(250.0, row.path("clockMhz").asDouble(), 1e-9);
      assertTrue(row.path("bitExact").asBoolean(), row.toString());
      assertEquals(row.path("latencyCycles").asInt() * 4.0, row.path("latencyNs").asDouble(), 1e-6);
      assertTrue(row.at("/flow/resources/LUT").asLong() > 0, row.toString());
      double luts = row.at("/flow/resources/LUT").asDouble();
      JsonNode dsp = rows.get(0);
      assertEquals(luts / dsp.at("/flow/resources/LUT").asDouble(), row.path("lutRatioToDsp").asDouble(), 1e-9);
    }
    assertEquals(List.of("dsp", "csd", "adder-graph"), styles, "the naive line first, also with three lines at once");
    JsonNode graph = rows.get(2);
    assertEquals(0, graph.at("/flow/resources/DSP48E1").asLong(), "no multipliers, no DSP blocks");
    assertEquals(0, graph.path("products").asInt());
    assertTrue(graph.path("adders").asInt() > 0 && graph.path("adderBits").asLong() > graph.path("adders").asLong());
    assertTrue(rows.get(0).path("products").asInt() > 0);
    assertEquals(1.0, rows.get(1).path("lutRatioToCsd").asDouble(), 1e-9);
    assertTrue(output.contains("| tiny | adder-graph | xc7 | 250.0 |"), output);
    assertTrue(output.contains("rows: " + runs.resolve("qor/report.json")), output);
  }

  @Test
  void tellsWhetherTheDesignFitsTheIce40sAndTimesSky130WithOpenSta() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable() && Tool.NEXTPNR_ICE40.isAvailable() && Tool.STA.isAvailable(),
        "yosys, nextpnr-ice40 or opensta is not installed");
    Path pdk = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/pdk").normalize();
    Assumptions.assumeTrue(Files.isDirectory(pdk.resolve("sky130A")), "no SKY130 PDK at " + pdk);
    Path runs = directory.resolve("runs");
    String output = CliRun.run(0, "bench", "qor", "--network", tiny().toString(), "--style", "adder-graph",
        "--target", "ice40,sky130", "--clock-mhz", "50", "--vectors", "20", "--pdk-root", pdk.toString(),
        "--runs", runs.toString());
    JsonNode rows = new ObjectMapper().readTree(runs.resolve("qor/report.json").toFile()).path("rows");
    assertEquals(2, rows.size(), output);
    JsonNode ice40 = rows.get(0);
    assertTrue(ice40.path("fitsHx8k").asBoolean() && ice40.path("fitsUp5k").asBoolean(), ice40.toString());
    assertTrue(ice40.path("logicCells").asLong() > 0);
    assertTrue(ice40.at("/flow/measures/fmax_mhz").asDouble() > 0, "routed Fmax: " + ice40);
    JsonNode sky130 = rows.get(1);
    assertTrue(sky130.at("/flow/measures/fmax_mhz").asDouble() > 0, "OpenSTA's Fmax: " + sky130);
    assertTrue(sky130.at("/flow/measures/abc_fmax_mhz").asDouble() > 0, sky130.toString());
    assertTrue(sky130.at("/flow/measures/area_um2").asDouble() > 0, sky130.toString());
    assertTrue(sky130.path("lutRatioToDsp").isNull(), "no dsp line in this run, no ratio");
  }

  @Test
  void refusesUnknownStylesModelsAndTargetsNamingTheOption() throws Exception {
    assertTrue(CliRun.run(2, "bench", "qor", "--network", tiny().toString(), "--style", "wallace")
        .contains("--style: unknown arithmetic style 'wallace'; expected one of [dsp, csd, adder-graph]"));
    assertTrue(CliRun.run(2, "bench", "qor", "--model", "resnet")
        .contains("--model: unknown model 'resnet'; expected one of [jet, tfc, hgq, demo]"));
    assertTrue(CliRun.run(2, "bench", "qor", "--network", tiny().toString(), "--target", "intel")
        .contains("bench qor runs xc7, ice40 and sky130, not intel"));
    assertTrue(CliRun.run(2, "bench", "qor", "--model", "jet", "--models-root", directory.resolve("none").toString())
        .contains("qkeras_jettagging.onnx"));
  }

  @Test
  void knowsTheSharedModelsByName() {
    Path models = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/models").normalize();
    Assumptions.assumeTrue(Files.isDirectory(models), "no shared models at " + models);
    assertEquals(16, dev.gatewright.bench.QorModel.known("jet", models).network().inputs());
    assertEquals(784, dev.gatewright.bench.QorModel.known("tfc", models).network().inputs());
    assertEquals(16, dev.gatewright.bench.QorModel.known("demo", models).network().inputs());
  }
}
