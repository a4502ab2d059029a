package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.FolderBusyException;
import dev.gatewright.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    assertEquals(Path.of("tiny.f"), report.elaboration().fileList());
    assertTrue(Files.isRegularFile(report.folder().resolve(report.elaboration().fileList())));
    Verification verification = report.verification();
    assertTrue(verification.bitExact());
    assertEquals("java", verification.engine());
    assertEquals(200, verification.randomVectors());
    assertEquals(4, verification.cornerVectors());
    assertEquals(List.of("y", "scores"), verification.comparedOutputs());
    assertEquals(2 * 204, verification.comparisons(), "the class and the scores of every input vector");
    assertNull(verification.mismatch());
    Cost cost = report.cost();
    assertEquals(2, cost.initiationInterval());
    assertEquals(14, cost.nonzeroWeights());
    assertEquals(List.of(), report.synthesis());

    JsonNode json = new ObjectMapper().readTree(report.folder().resolve(ReportJson.FILE).toFile());
    assertEquals("tiny", json.at("/network/name").asText());
    assertEquals(2, json.at("/settings/reuse").asInt());
    assertTrue(json.at("/verification/bitExact").asBoolean());
    assertEquals(2 * 204, json.at("/verification/comparisons").asLong());
    assertEquals(report.folder().toString(), json.at("/folder").asText(), "paths are plain strings");
    assertEquals("tiny.f", json.at("/elaboration/fileList").asText());
    assertEquals(14, json.at("/cost/macs").asLong());
    assertEquals("fc1", json.at("/cost/layers/0/layer").asText());
  }

  @Test
  void aFullyParallelBuildReportsItsPipelineAndArithmeticAndATimeSharedOneDoesNot() throws Exception {
    NetworkBuildReport graph = NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out.resolve("graph"))
        .engine(Engine.JAVA).vectors(50).build(), BuildListener.SILENT);
    assertTrue(graph.verification().bitExact());
    assertEquals("adder-graph", graph.settings().multiplier());
    assertEquals("xc7 at 200.0 MHz", graph.settings().pipelining());
    NetworkBuildReport.Pipeline pipeline = graph.cost().pipeline();
    assertEquals("xc7", pipeline.model());
    assertEquals(200.0, pipeline.clockMhz(), 1e-9);
    assertEquals(graph.cost().latencyCycles(), pipeline.latencyCycles());
    assertEquals(5.0 * pipeline.latencyCycles(), pipeline.latencyNs(), 1e-9);
    assertTrue(pipeline.modelPeriodNs() <= 5.0, pipeline.toString());
    assertTrue(pipeline.adders() > 0 && pipeline.adderCells() >= pipeline.adders(), pipeline.toString());
    assertEquals(0, pipeline.products());
    assertEquals(0, graph.cost().multipliers());
    assertTrue(pipeline.registerBits() > 0);
    assertEquals(List.of(), pipeline.tooSlow());

    NetworkBuildReport products = NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out.resolve("dsp"))
        .engine(Engine.JAVA).vectors(50).hardware(DenseOptions.defaults()
            .withMultiplier(dev.gatewright.nn.hw.MultiplierStyle.DSP).withRegisterEvery(1)).build(), BuildListener.SILENT);
    assertTrue(products.verification().bitExact());
    assertEquals("every 1 adder levels", products.settings().pipelining());
    assertEquals("levels", products.cost().pipeline().model());
    assertNull(products.cost().pipeline().clockMhz(), "no clock, no latency in ns");
    assertNull(products.cost().pipeline().latencyNs());
    assertEquals(14, products.cost().pipeline().products(), "one product per nonzero weight");
    JsonNode json = new ObjectMapper().readTree(products.folder().resolve(ReportJson.FILE).toFile());
    assertEquals(14, json.at("/cost/pipeline/products").asInt());
    assertTrue(json.at("/cost/pipeline/latencyNs").isNull());

    NetworkBuildReport shared = NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out.resolve("shared"))
        .engine(Engine.JAVA).vectors(20).hardware(DenseOptions.defaults().withReuse(2)).build(), BuildListener.SILENT);
    assertNull(shared.cost().pipeline(), "time-shared layers are pipelined each on its own");
    assertEquals("each time-shared layer on its own", shared.settings().pipelining());
  }

  @Test
  void theListenerHearsEveryStepInOrder() {
    List<String> steps = new ArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override public void started(Summary network) { steps.add("started " + network.name()); }
      @Override public void elaborated(Elaboration elaboration, Path folder) { steps.add("elaborated " + folder.getFileName()); }
      @Override public void verifying(String engine, String note, long vectors) { steps.add("verifying " + vectors); }
      @Override public void verified(Verification verification) { steps.add("verified " + verification.bitExact()); }
      @Override public void checkingInputs(String inputs, long count) { steps.add("checking " + count); }
      @Override public void checkedInputs(InputCheck check) { steps.add("checked " + check.bitExact()); }
      @Override public void costed(Cost cost) { steps.add("costed"); }
      @Override public void synthesizing(String target) { steps.add("synthesizing " + target); }
      @Override public void synthesized(Synthesis synthesis) { steps.add("synthesized " + synthesis.status()); }
    };
    NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build(), listener);
    assertEquals(List.of("started tiny", "elaborated tiny", "verifying 14", "verified true", "costed"), steps);
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

  @Test
  void aRebuildReplacesTheFolderWholeSoNoFileOfARenamedLayerSurvives() throws Exception {
    NetworkBuildOptions options = NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build();
    NetworkBuild.run(tiny(), options, BuildListener.SILENT);
    assertTrue(Files.exists(out.resolve("tiny/dense_fc1.sv")));
    NetworkBuild.run(NetworkJson.read(TINY.replace("\"fc1\"", "\"hidden\"")), options, BuildListener.SILENT);
    assertTrue(Files.exists(out.resolve("tiny/dense_hidden.sv")));
    assertFalse(Files.exists(out.resolve("tiny/dense_fc1.sv")), "the old layer's file is gone with the old folder");
    assertEquals(List.of(".gatewright.lock", "tiny"), names(out));
  }

  @Test
  void aSecondBuildIntoTheSameFolderWhileOneRunsIsRefusedAndTheFirstCompletes() throws Exception {
    CountDownLatch firstIsVerifying = new CountDownLatch(1);
    CountDownLatch secondWasRefused = new CountDownLatch(1);
    BuildListener pausing = new BuildListener() {
      @Override public void started(Summary network) {}
      @Override public void elaborated(Elaboration elaboration, Path folder) {}
      @Override public void verifying(String engine, String note, long vectors) {
        firstIsVerifying.countDown();
        try {
          secondWasRefused.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      @Override public void verified(Verification verification) {}
      @Override public void checkingInputs(String inputs, long count) {}
      @Override public void checkedInputs(InputCheck check) {}
      @Override public void costed(Cost cost) {}
      @Override public void synthesizing(String target) {}
      @Override public void synthesized(Synthesis synthesis) {}
    };
    NetworkBuildOptions options = NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<NetworkBuildReport> first = pool.submit(() -> NetworkBuild.run(tiny(), options, pausing));
      assertTrue(firstIsVerifying.await(30, TimeUnit.SECONDS));
      FolderBusyException refused = assertThrows(FolderBusyException.class,
          () -> NetworkBuild.run(tiny(), options.toBuilder().vectors(20).build(), BuildListener.SILENT));
      assertTrue(refused.getMessage().contains("gatewright build of network tiny"), refused.getMessage());
      secondWasRefused.countDown();
      assertTrue(first.get(60, TimeUnit.SECONDS).succeeded());
    } finally {
      pool.shutdownNow();
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("tiny/report.json").toFile());
    assertEquals(10, json.at("/settings/randomVectors").asLong(), "the folder is the first build's, whole");
  }

  @Test
  void aBuildWhoseSynthesisFailsGoesToAFailedFolderAndLeavesTheLastGoodOne() throws Exception {
    NetworkBuildOptions good = NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build();
    NetworkBuild.run(tiny(), good, BuildListener.SILENT);
    String before = Files.readString(out.resolve("tiny/report.json"));
    Path failingYosys = Files.writeString(out.resolve("fake-yosys"), "#!/bin/sh\necho 'ERROR: out of luck'\nexit 3\n");
    failingYosys.toFile().setExecutable(true);
    System.setProperty("gatewright.tool.yosys", failingYosys.toString());
    NetworkBuildReport report;
    try {
      report = NetworkBuild.run(tiny(), good.toBuilder().vectors(11).synthesis(List.of(Target.XC7)).build(),
          BuildListener.SILENT);
    } finally {
      System.clearProperty("gatewright.tool.yosys");
    }
    assertFalse(report.succeeded());
    assertEquals(out.resolve("tiny.failed").toAbsolutePath(), report.folder());
    assertEquals(Synthesis.Status.FAILED, report.synthesis().get(0).status());
    assertTrue(Files.readString(out.resolve("tiny.failed/FAILED.txt")).startsWith("synthesis failed for xc7"));
    assertTrue(Files.exists(out.resolve("tiny.failed/tiny.sv")));
    assertEquals(before, Files.readString(out.resolve("tiny/report.json")), "the last good build is untouched");
  }

  @Test
  void leftoversOfABuildKilledOutrightAreRemovedByTheNextBuild() throws Exception {
    Files.createDirectories(out.resolve(".tiny.partial-12345-1"));
    Files.writeString(out.resolve(".tiny.partial-12345-1/half.sv"), "module half\n");
    NetworkBuild.run(tiny(), NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(10).build(),
        BuildListener.SILENT);
    assertEquals(List.of(".gatewright.lock", "tiny"), names(out));
  }

  @Test
  void aNetworkTooBigForTheHeapIsRefusedBeforeAnythingIsBuilt() throws Exception {
    int side = (int) Math.sqrt(HeapBudget.maxIrNodes() / 30.0) + 2;
    long[][] weights = new long[side][side];
    for (long[] row : weights) {
      java.util.Arrays.fill(row, 0x5555);
    }
    Network big = Network.builder("big", side, dev.gatewright.hdl.FixedType.sfix(16, 10))
        .dense(dev.gatewright.nn.Dense.builder("fc", side).weightType(dev.gatewright.hdl.FixedType.sfix(16, 15))
            .rawWeights(weights).result(dev.gatewright.nn.Quantizer.of(dev.gatewright.hdl.FixedType.sfix(16, 10))))
        .build();
    BuildRequestException refused = assertThrows(BuildRequestException.class, () -> NetworkBuild.run(big,
        NetworkBuildOptions.builder(out).engine(Engine.JAVA).build(), BuildListener.SILENT));
    assertTrue(refused.getMessage().startsWith("network big is too big to build in this JVM"), refused.getMessage());
    assertEquals(List.of(), names(out), "nothing was written");
  }

  @Test
  void theEstimateIsAnUpperBoundWithinAFactorOfThreeOfWhatIsBuilt() {
    for (DenseOptions hardware : List.of(DenseOptions.defaults(), DenseOptions.defaults().withReuse(4),
        DenseOptions.defaults().withMultiplier(dev.gatewright.nn.hw.MultiplierStyle.DSP))) {
      Network network = dev.gatewright.nn.JetTagger.network(7);
      long estimated = BuildEstimate.check(network, hardware).irNodes();
      long built = new dev.gatewright.nn.hw.NetworkGenerator(network, hardware).build().module().totalNodeCount();
      assertTrue(estimated >= built && estimated <= 3 * built, hardware + ": estimated " + estimated + ", built " + built);
    }
  }

  @Test
  void vectorsAreStreamedInChunksAndEveryOneIsCompared() {
    NetworkBuildOptions options = NetworkBuildOptions.builder(out).engine(Engine.JAVA).vectors(100).seed(9)
        .hardware(DenseOptions.defaults().withReuse(3)).build();
    NetworkBuildReport chunked = NetworkBuild.run(ModelSource.of(tiny()), options, BuildListener.SILENT, 16);
    assertTrue(chunked.verification().bitExact());
    assertEquals(2 * 104, chunked.verification().comparisons(),
        "5 vectors a chunk, 21 chunks, the class and the scores of every vector compared");
  }

  @Test
  void inputVectorsAreMadeAsTheyAreReadInTheSameOrderEveryTime() {
    InputVectors vectors = new InputVectors(tiny(), 3_000_000_000L, 5);
    assertEquals(3_000_000_004L, vectors.count());
    java.util.Iterator<java.math.BigInteger> first = vectors.iterator();
    java.util.Iterator<java.math.BigInteger> second = vectors.iterator();
    for (int k = 0; k < 100; k++) {
      assertEquals(first.next(), second.next());
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
