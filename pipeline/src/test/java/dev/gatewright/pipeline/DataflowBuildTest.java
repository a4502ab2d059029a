package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.dataflow.Folding;
import dev.gatewright.nn.dataflow.FoldingFile;
import dev.gatewright.nn.dataflow.FoldingSearch;
import dev.gatewright.nn.dataflow.LayerFolding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.gatewright.tool.Tool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataflow build writes the design and its folding, verifies it under stalls, measures the scheduled cycles and
 * reports pace, latency and FIFO depths; a folding that does not fit is refused before anything is written.
 */
class DataflowBuildTest {

  @TempDir Path out;

  private static Network tiny() {
    return NetworkJson.read(NetworkBuildTest.TINY);
  }

  @Test
  void aFoldedBuildVerifiesUnderStallsAndRunsOnSchedule() throws Exception {
    Network network = tiny();
    Folding folding = FoldingSearch.forCycles(network, 4);
    List<String> lines = new ArrayList<>();
    DataflowBuildReport report = DataflowBuild.run(network, DataflowBuildOptions.builder(out, folding, "target 4 cycles")
        .frames(200).clockMhz(250).stalls(0.3, 0.3).build(), lines::add);
    assertTrue(report.succeeded(), report.toString());
    assertTrue(report.cyclesPerFrame() <= 4);
    assertEquals(204, report.verification().frames());
    assertEquals(report.verification().scheduledCycles(), report.verification().measuredCycles());
    assertEquals(250e6 / report.cyclesPerFrame(), report.framesPerSecond(), 1e-6);
    assertEquals(report.latencyCycles() / 250.0, report.latencyMicroseconds(), 1e-12);
    Path folder = out.resolve(report.top());
    assertEquals(folder, report.folder());
    assertEquals(folding, FoldingFile.read(folder.resolve("folding.json"), network));
    JsonNode json = new ObjectMapper().readTree(Files.readString(folder.resolve(ReportJson.FILE)));
    assertEquals(report.cyclesPerFrame(), json.get("cyclesPerFrame").asLong());
    assertEquals(report.fifoDepths().size(), json.get("fifoDepths").size());
    assertEquals("fc1", json.get("stages").get(0).get("layers").get(0).asText());
    assertTrue(Files.isRegularFile(folder.resolve(report.top() + ".sv")) || Files.list(folder)
        .anyMatch(p -> p.toString().endsWith(".sv")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("verified on java")), lines.toString());
  }

  @Test
  void givenInputsStreamThroughTheVerifiedPipelineAndTheLabelsGiveItsAccuracy() throws Exception {
    Network network = tiny();
    double[] x = new double[60 * 3];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian() * 3;
    }
    GoldenModel golden = new GoldenModel(network);
    double[] labels = new double[60];
    for (int k = 0; k < 60; k++) {
      long goldenClass = golden.infer(network.quantizeInput(java.util.Arrays.copyOfRange(x, 3 * k, 3 * k + 3)))[0];
      labels[k] = k % 3 == 0 ? 1 - goldenClass : goldenClass; // a third of the labels disagree
    }
    InputData data = InputData.read(ArrayFiles.npy(out.resolve("x.npy"), "f4", new long[] {60, 3}, x),
        InputScale.ONE, ArrayFiles.npy(out.resolve("y.npy"), "i8", new long[] {60}, labels));
    List<String> lines = new ArrayList<>();
    DataflowBuildReport report = DataflowBuild.run(network, DataflowBuildOptions.builder(out.resolve("build"),
        FoldingSearch.forCycles(network, 4), "target 4 cycles").frames(20).stalls(0.3, 0.3).inputs(data).build(),
        lines::add);
    assertTrue(report.succeeded(), report.toString());
    NetworkBuildReport.InputCheck check = report.inputs();
    assertTrue(check.bitExact());
    assertEquals(60, check.count());
    assertEquals(2 * 60, check.comparisons(), "the class and the scores of every input");
    assertEquals(List.of("y", "scores"), check.comparedOutputs());
    assertEquals(40, check.accuracy().hardwareCorrect());
    assertEquals(null, check.accuracy().referenceCorrect(), "a network made in Java has no reference executor");
    assertTrue(lines.contains("accuracy: hardware 66.67 % on 60 inputs"), lines.toString());
    JsonNode json = new ObjectMapper().readTree(Files.readString(report.folder().resolve(ReportJson.FILE)));
    assertEquals(40, json.get("inputs").get("accuracy").get("hardwareCorrect").asLong());
  }

  @Test
  void theReportCarriesTheResourcesOfEachSynthesisRun() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "needs Yosys");
    Network network = tiny();
    DataflowBuildReport report = DataflowBuild.run(network, DataflowBuildOptions.builder(out,
        Folding.fullyParallel(network), "fully parallel").frames(20).synthesis(List.of(Target.XC7)).build(), l -> { });
    assertTrue(report.succeeded(), report.toString());
    NetworkBuildReport.Synthesis xc7 = report.synthesis().get(0);
    assertEquals(NetworkBuildReport.Synthesis.Status.COMPLETED, xc7.status(), xc7.message());
    assertTrue(xc7.flow().resource(FlowReport.LUT) > 0 && xc7.flow().resource(FlowReport.FF) > 0, xc7.toString());
  }

  @Test
  void aFoldingThatDoesNotDivideTheLayerIsRefusedNamingIt() {
    Network network = tiny();
    Folding folding = new Folding(Map.of("fc1", LayerFolding.of(3, 1)));
    BuildRequestException e = assertThrows(BuildRequestException.class, () -> DataflowBuild.run(network,
        DataflowBuildOptions.builder(out, folding, "file").build(), line -> { }));
    assertTrue(e.getMessage().contains("fc1: PE 3 must divide the 4 output channels"), e.getMessage());
    assertFalse(Files.exists(out.resolve("tiny_dataflow")));
  }

  @Test
  void optionsNameTheirCommandLineOption() {
    Folding folding = new Folding(Map.of());
    assertTrue(assertThrows(BuildRequestException.class, () -> DataflowBuildOptions.builder(out, folding, "f")
        .clockMhz(0)).getMessage().startsWith("--clock-mhz"));
    assertTrue(assertThrows(BuildRequestException.class, () -> DataflowBuildOptions.builder(out, folding, "f")
        .stalls(0.2, 1.0)).getMessage().startsWith("--stalls"));
  }
}
