package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and build commands elaborate, verify bit for bit and report, with every option. */
class NetworkCommandsTest {

  @TempDir
  Path directory;

  static final String NETWORK = """
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


  @Test
  void buildVerifiesANetworkFileWithEveryMultiplierStyleAndReuseFactor() throws Exception {
    Path file = directory.resolve("tiny.json");
    Files.writeString(file, NETWORK);
    for (String[] options : new String[][] {{"--multiplier", "csd", "--reuse", "1", "--register-every", "1"},
        {"--multiplier", "dsp", "--reuse", "3", "--register-every", "0"}}) {
      String output = CliRun.run(0, concat(new String[] {"build", file.toString(), "--engine", "java", "--synth", "none",
          "--vectors", "300", "--seed", "5", "--out", directory.resolve("out").toString()}, options));
      assertTrue(output.contains("verified on java: 304 input vectors"), output);
      assertTrue(output.contains("bit-exact"), output);
      assertTrue(output.contains("II: " + options[3] + " cycles"), output);
      assertTrue(Files.exists(directory.resolve("out/tiny/tiny.f")), output);
      assertTrue(Files.readString(directory.resolve("out/tiny/report.json")).contains("\"bitExact\" : true"), output);
    }
  }

  @Test
  void buildPipelinesTheSharedAdderGraphForTheClockOnTheTargetsDelayModelByDefault() throws Exception {
    Path file = directory.resolve("tiny.json");
    Files.writeString(file, NETWORK);
    String output = CliRun.run(0, "build", file.toString(), "--engine", "java", "--synth", "none", "--vectors", "100",
        "--out", directory.resolve("default").toString());
    assertTrue(output.contains("adder-graph arithmetic, registers placed for xc7 at 200.0 MHz"), output);
    assertTrue(output.contains("hardware multipliers: 0 (adder-graph)"), output);
    assertTrue(output.contains("bit-exact"), output);

    String fast = CliRun.run(0, "build", file.toString(), "--engine", "java", "--synth", "none", "--vectors", "100",
        "--multiplier", "Adder_Graph", "--target", "sky130", "--clock-mhz", "250",
        "--out", directory.resolve("fast").toString());
    assertTrue(fast.contains("registers placed for sky130 at 250.0 MHz"), fast);
    java.util.regex.Matcher pipeline = java.util.regex.Pattern
        .compile("pipeline: (\\d+) cycles = ([0-9.]+) ns at 250.0 MHz").matcher(fast);
    assertTrue(pipeline.find(), fast);
    assertEquals(Integer.parseInt(pipeline.group(1)) * 4.0, Double.parseDouble(pipeline.group(2)), 0.05);
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(directory.resolve("fast/tiny/report.json").toFile());
    assertEquals("adder-graph", json.at("/settings/multiplier").asText());
    assertEquals("sky130 at 250.0 MHz", json.at("/settings/pipelining").asText());
    assertEquals("sky130", json.at("/cost/pipeline/model").asText());
    assertEquals(250.0, json.at("/cost/pipeline/clockMhz").asDouble(), 1e-9);
    assertTrue(json.at("/cost/pipeline/adders").asInt() > 0, json.toString());
    assertEquals(0, json.at("/cost/pipeline/products").asInt());
    assertEquals(json.at("/cost/pipeline/tooSlow").isEmpty(), json.at("/cost/pipeline/modelPeriodNs").asDouble() <= 4.0,
        "every stage meets the clock by the model unless an operation alone is slower: " + json);
    assertTrue(json.at("/verification/bitExact").asBoolean());

    String slow = CliRun.run(0, "build", file.toString(), "--engine", "java", "--synth", "none", "--vectors", "100",
        "--target", "sky130", "--clock-mhz", "50", "--out", directory.resolve("slow").toString());
    java.util.regex.Matcher slowPipeline = java.util.regex.Pattern.compile("pipeline: (\\d+) cycles").matcher(slow);
    assertTrue(slowPipeline.find(), slow);
    assertTrue(Integer.parseInt(slowPipeline.group(1)) < Integer.parseInt(pipeline.group(1)),
        "a slower clock needs fewer stages:\n" + fast + "\n" + slow);
  }

  @Test
  void malformedNetworkFileIsRejectedWithTheJsonPath() throws Exception {
    Path file = directory.resolve("bad.json");
    Files.writeString(file, NETWORK.replace("[ 4, 0, -32 ]", "[ 4, 0 ]"));
    String output = CliRun.run(2, "build", file.toString(), "--engine", "java", "--synth", "none");
    assertTrue(output.contains("$.layers[0].rawWeights[1]"), output);
    assertTrue(!output.contains("\tat "), output);
  }

  @Test
  void missingNetworkFileIsAUsageError() {
    String output = CliRun.run(2, "build", directory.resolve("none.json").toString());
    assertTrue(output.contains("no model or network file at"), output);
  }

  @Test
  void demoBuildsTheEmbeddedTrainedJetTaggerAndChecksEveryScoreAgainstTheModel() {
    String output = CliRun.run(0, "demo", "--engine", "java", "--synth", "none", "--vectors", "200",
        "--out", directory.toString());
    assertTrue(output.contains("imported qkeras_jettagging.onnx as network qkeras_jettagging"), output);
    assertTrue(output.contains("network qkeras_jettagging: 16 inputs of sfix(16,10) -> 5 outputs"), output);
    assertTrue(output.contains("verified on java: 204 input vectors (200 random, seed 1, and 4 corner cases), every"
        + " output bit-exact against the golden model"), output);
    assertTrue(output.contains("and every output equals the ONNX reference executor (qkeras_jettagging.onnx)'s on"
        + " all 204 of them"), output);
    assertTrue(output.contains("cost report"), output);
    assertTrue(Files.exists(directory.resolve("qkeras_jettagging/report.json")), output);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
