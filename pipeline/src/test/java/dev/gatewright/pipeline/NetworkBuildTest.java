package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkBuildTest {

  static final String TINY = """
      { "format": "gatewright-network/1", "name": "tiny",
        "input": { "size": 3, "type": "sfix(8,4)" },
        "layers": [
          { "kind": "dense", "name": "fc1", "outputs": 4, "weightType": "sfix(6,5)",
            "result": { "type": "sfix(10,6)", "rounding": "HALF_EVEN", "overflow": "SATURATE" },
            "rawWeights": [ [ 16, -8, 10 ], [ 4, 0, -32 ], [ 0, 0, 0 ], [ 31, 7, -3 ] ], "rawBias": [ 0, 1, 2, -3 ] },
          { "kind": "relu", "name": "relu1" },
          { "kind": "dense", "name": "out", "outputs": 2, "weightType": "sfix(6,5)",
            "result": { "type": "sfix(10,6)", "rounding": "TRUNCATE", "overflow": "WRAP" },
            "rawWeights": [ [ 1, -2, 3, 0 ], [ -5, 0, 7, 9 ] ] },
          { "kind": "argmax" } ] }
      """;

  @TempDir Path out;

  private static Network tiny() {
    return NetworkJson.read(TINY);
  }

  @Test
  void buildsVerifiesAndCostsANetworkAndReturnsTheTypedReport() throws Exception {
    NetworkBuildOptions options = NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(200).seed(3)
        .hardware(DenseOptions.defaults().withReuse(2)).build();
    NetworkBuildReport report = NetworkBuild.run(tiny(), options, BuildListener.SILENT);

    assertTrue(report.succeeded());
    assertEquals(out.resolve("tiny").toAbsolutePath(), report.folder());
    assertEquals("tiny", report.elaboration().top());
    assertTrue(report.elaboration().irNodes() > 0);
    assertEquals(report.folder().resolve("tiny.f"), report.elaboration().fileList());
    assertTrue(Files.isRegularFile(report.elaboration().fileList()));
    Verification verification = report.verification();
    assertTrue(verification.bitExact());
    assertEquals("java", verification.engine());
    assertEquals(200, verification.randomVectors());
    assertEquals(4, verification.cornerVectors());
    assertEquals(204, verification.comparisons(), "one output value per input vector");
    assertNull(verification.mismatch());
    Cost cost = report.cost();
    assertEquals(2, cost.initiationInterval());
    assertEquals(14, cost.nonzeroWeights());
    assertEquals(List.of(), report.synthesis());

    JsonNode json = new ObjectMapper().readTree(report.folder().resolve(ReportJson.FILE).toFile());
    assertEquals("tiny", json.at("/network/name").asText());
    assertEquals(2, json.at("/settings/reuse").asInt());
    assertTrue(json.at("/verification/bitExact").asBoolean());
    assertEquals(204, json.at("/verification/comparisons").asLong());
    assertEquals(report.elaboration().fileList().toString(), json.at("/elaboration/fileList").asText(),
        "paths are plain strings");
    assertEquals(14, json.at("/cost/macs").asLong());
    assertEquals("fc1", json.at("/cost/layers/0/layer").asText());
  }

  @Test
  void theListenerHearsEveryStepInOrder() {
    List<String> steps = new ArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override public void started(Summary network) { steps.add("started " + network.name()); }
      @Override public void elaborated(Elaboration elaboration) { steps.add("elaborated"); }
      @Override public void verifying(String engine, String note, long vectors) { steps.add("verifying " + vectors); }
      @Override public void verified(Verification verification) { steps.add("verified " + verification.bitExact()); }
      @Override public void costed(Cost cost) { steps.add("costed"); }
      @Override public void synthesizing(String target) { steps.add("synthesizing " + target); }
      @Override public void synthesized(Synthesis synthesis) { steps.add("synthesized " + synthesis.status()); }
    };
    NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build(), listener);
    assertEquals(List.of("started tiny", "elaborated", "verifying 14", "verified true", "costed"), steps);
  }

  @Test
  void aSynthesisRunIsInTheReportWithItsFlowReport() throws Exception {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed (Debian package 'yosys')");
    NetworkBuildReport report = NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out).engine(Engine.JAVA)
        .vectors(10).synthesis(List.of(Target.XC7)).build(), BuildListener.SILENT);
    assertTrue(report.succeeded());
    Synthesis xc7 = report.synthesis().get(0);
    assertEquals(Synthesis.Status.COMPLETED, xc7.status());
    assertTrue(xc7.flow().resource(FlowReport.LUT) > 0, xc7.flow().toString());
    assertTrue(xc7.flow().runDirectory().startsWith(out.resolve("runs").toAbsolutePath()));

    JsonNode json = new ObjectMapper().readTree(report.folder().resolve(ReportJson.FILE).toFile());
    JsonNode flow = json.at("/synthesis/0/flow");
    assertEquals("xc7", flow.path("target").asText(), "the flow report in its own report.json form");
    assertEquals(xc7.flow().resource(FlowReport.LUT), flow.at("/resources/LUT").asLong());
    assertNotNull(FlowReport.read(xc7.flow().runDirectory().resolve("report.json")));
  }

  @Test
  void optionsOutOfRangeAreRefusedNamingTheOptionAndTheRange() {
    BuildRequestException negative = assertThrows(BuildRequestException.class,
        () -> NetworkBuildOptions.builder(out).vectors(-5));
    assertEquals("--vectors must be 0..100,000,000 (random input vectors besides the corner cases), not -5",
        negative.getMessage());
    BuildRequestException empty = assertThrows(BuildRequestException.class, () -> NetworkBuildOptions.builder(Path.of("")));
    assertTrue(empty.getMessage().startsWith("--out must name a folder"), empty.getMessage());
  }
}
