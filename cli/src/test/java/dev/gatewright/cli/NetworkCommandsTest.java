package dev.gatewright.cli;

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
