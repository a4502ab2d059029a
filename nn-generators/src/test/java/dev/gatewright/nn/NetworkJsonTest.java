package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The network file format: every layer kind reads as specified, and every mistake names its JSON path. */
class NetworkJsonTest {

  static final String EXAMPLE = """
      {
        "format": "gatewright-network/1",
        "name": "every_kind",
        "input": { "size": 3, "type": "sfix(8,4)" },
        "layers": [
          { "kind": "dense", "name": "fc1", "outputs": 2,
            "weightType": "ap_fixed<6,1>", "biasType": "sfix(6,5)",
            "result": { "type": "ap_fixed<16,6>", "rounding": "half_even", "overflow": "SATURATE" },
            "weights": [[0.5, -0.25, 0.3], [0.125, 0.0, -1.0]],
            "bias": [0.0, 0.03125],
            "mask": [[1, 1, 0], [true, false, true]] },
          { "kind": "batchnorm", "gamma": [1, 1], "beta": [0, 0.5], "mean": [0, 0], "variance": [1, 1], "epsilon": 0 },
          { "kind": "relu", "name": "act1" },
          { "kind": "dense", "name": "fc2", "outputs": 4, "weightType": "sfix(4,3)",
            "accumulator": { "type": "sfix(20,13)", "overflow": "saturate" },
            "result": { "type": "sfix(12,8)" },
            "rawWeights": [[1, -1], [7, -8], [0, 3], [2, 2]],
            "rawBias": [0, 1, -1, 7] },
          { "kind": "linear", "result": { "type": "sfix(10,6)", "rounding": "HALF_UP", "overflow": "SATURATE_SYMMETRIC" } },
          { "kind": "clipped_relu", "ceiling": 4.0 },
          { "kind": "hard_tanh", "result": { "type": "sfix(8,6)" } },
          { "kind": "sigmoid", "table": { "size": 64, "low": -8, "high": 8, "type": "ufix(8,8)" } },
          { "kind": "tanh", "name": "t", "table": { "size": 32, "low": -2, "high": 2, "type": "sfix(8,6)" } },
          { "kind": "softmax",
            "exp": { "size": 64, "low": -4, "high": 0, "type": "ufix(10,9)" },
            "reciprocal": { "size": 64, "low": 0, "high": 8, "type": "ufix(10,9)" },
            "result": { "type": "ap_ufixed<9,1>", "rounding": "HALF_EVEN", "overflow": "SATURATE" } },
          { "kind": "argmax" }
        ]
      }
      """;

  @Test
  void readsEveryLayerKindWithItsPrecisions() {
    Network n = NetworkJson.read(EXAMPLE);
    assertEquals("every_kind", n.name());
    assertEquals(3, n.inputs());
    assertEquals(sfix(8, 4), n.inputType());
    assertEquals(10, n.layers().size()); // batch norm folded away
    Dense fc1 = (Dense) n.layers().get(0);
    assertEquals(sfix(6, 5), fc1.weightType());
    assertEquals(new Quantizer(sfix(16, 10), Rounding.HALF_EVEN, Overflow.SATURATE), fc1.result());
    assertArrayEquals(new long[][] {{16, -8, 0}, {4, 0, -32}}, fc1.weights());
    assertArrayEquals(new long[] {0, 17}, fc1.bias()); // 0.03125 + 0.5 from the batch norm
    assertEquals(Overflow.WRAP, fc1.accumulatorOverflow());
    assertEquals("act1", n.layers().get(1).name());
    Dense fc2 = (Dense) n.layers().get(2);
    assertEquals(sfix(20, 13), fc2.accumulatorType());
    assertEquals(Overflow.SATURATE, fc2.accumulatorOverflow());
    assertEquals(Quantizer.of(sfix(12, 8)), fc2.result());
    assertEquals(sfix(4, 3), fc2.biasType());
    assertArrayEquals(new long[] {0, 1, -1, 7}, fc2.bias());
    Activation.Linear linear = (Activation.Linear) n.layers().get(3);
    assertEquals(new Quantizer(sfix(10, 6), Rounding.HALF_UP, Overflow.SATURATE_SYMMETRIC), linear.result());
    assertEquals(4.0, ((Activation.ClippedRelu) n.layers().get(4)).ceiling());
    assertEquals(sfix(8, 6), n.layers().get(5).outputType());
    assertEquals(new LookupTable(64, -8, 8, ufix(8, 8)), ((Activation.Sigmoid) n.layers().get(6)).table());
    assertEquals("t", n.layers().get(7).name());
    Activation.Softmax softmax = (Activation.Softmax) n.layers().get(8);
    assertEquals(ufix(9, 8), softmax.outputType());
    assertInstanceOf(Activation.Argmax.class, n.layers().get(9));
    assertEquals(1, new GoldenModel(n).infer(new long[] {16, -16, 100}).length);
  }

  @Test
  void writtenNetworksReadBackToTheSameFileAndTheSameOutputs(@TempDir Path dir) {
    for (Network n : new Network[] {NetworkJson.read(EXAMPLE), JetTagger.network(9)}) {
      String text = NetworkJson.write(n);
      Network back = NetworkJson.read(text);
      assertEquals(text, NetworkJson.write(back));
      GoldenModel a = new GoldenModel(n);
      GoldenModel b = new GoldenModel(back);
      Random random = new Random(1);
      for (int k = 0; k < 200; k++) {
        long[] x = new long[n.inputs()];
        for (int i = 0; i < x.length; i++) {
          x[i] = random.nextInt(256) - 128;
        }
        assertArrayEquals(a.infer(x), b.infer(x));
      }
    }
    Network jet = JetTagger.network(3);
    Path file = dir.resolve("jet.json");
    NetworkJson.write(jet, file);
    assertEquals(NetworkJson.write(jet), NetworkJson.write(NetworkJson.read(file)));
    assertTrue(NetworkJson.write(jet).contains("\"rawWeights\" : [ [ "), "arrays are written inline");
  }

  @Test
  void parsesTypesInGatewrightAndHls4mlSpelling() {
    assertEquals(sfix(16, 10), NetworkJson.parseType("ap_fixed<16,6>"));
    assertEquals(ufix(8, 8), NetworkJson.parseType("ap_ufixed<8, 0>"));
    assertEquals(sfix(8, 10), NetworkJson.parseType("ap_fixed<8,-2>"));
    assertEquals(sfix(12, 0), NetworkJson.parseType("ap_int<12>"));
    assertEquals(ufix(3, 0), NetworkJson.parseType(" ap_uint<3> "));
    assertEquals(sfix(6, -2), NetworkJson.parseType("sfix(6, -2)"));
    assertEquals(ufix(6, 9), NetworkJson.parseType("ufix(6,9)"));
    assertThrows(IllegalArgumentException.class, () -> NetworkJson.parseType("float32"));
    assertThrows(IllegalArgumentException.class, () -> NetworkJson.parseType("sfix(0,0)"));
    assertThrows(IllegalArgumentException.class, () -> NetworkJson.parseType("sfix(99999999999,0)"));
  }

  static Stream<Arguments> malformedFiles() {
    return Stream.of(
        Arguments.of("[[0.5, -0.25, 0.3], [0.125, 0.0, -1.0]]", "[[0.5, -0.25, 0.3], [0.125, 0.0]]",
            "$.layers[0].weights[1]: expected 3 numbers, found 2"),
        Arguments.of("[[0.5, -0.25, 0.3], [0.125, 0.0, -1.0]]", "[[0.5, -0.25, 0.3]]",
            "$.layers[0].weights: expected 2 rows, found 1"),
        Arguments.of("[[0.5, -0.25, 0.3], [0.125, 0.0, -1.0]]", "[[0.5, \"x\", 0.3], [0.125, 0.0, -1.0]]",
            "$.layers[0].weights[0][1]: expected a number, found string \"x\""),
        Arguments.of("[[1, -1], [7, -8]", "[[1, -1], [7, -9]",
            "$.layers[3].rawWeights[1][1]: -9 does not fit sfix(4,3) (raw range -8..7)"),
        Arguments.of("[[1, -1], [7, -8]", "[[1, -1], [7, 0.5]",
            "$.layers[3].rawWeights[1][1]: expected an integer, found number 0.5"),
        Arguments.of("\"rawBias\": [0, 1, -1, 7]", "\"rawBias\": [0, 1, -1]",
            "$.layers[3].rawBias: expected 4 integers, found 3"),
        Arguments.of("\"bias\": [0.0, 0.03125]", "\"bias\": {}", "$.layers[0].bias: expected an array, found object {}"),
        Arguments.of("[true, false, true]", "[true, 2, true]", "$.layers[0].mask[1][1]: expected 0, 1, false or true, found number 2"),
        Arguments.of("\"gamma\": [1, 1]", "\"gamma\": [1]", "$.layers[1].gamma: expected 2 numbers, found 1"),
        Arguments.of("\"epsilon\": 0", "\"epsilon\": 0, \"momentum\": 0.9",
            "$.layers[1].momentum: unknown field (expected one of kind, gamma, beta, mean, variance, epsilon)"),
        Arguments.of("\"variance\": [1, 1]", "\"variance\": [1, -1]", "$.layers[1]: batch norm variance[1] + epsilon must be > 0"),
        Arguments.of("\"type\": \"sfix(8,4)\"", "\"type\": \"sfix(0,4)\"",
            "$.input.type: type sfix(0,4) is 0 bits wide; a width must be 1..65536"),
        Arguments.of("\"weightType\": \"sfix(4,3)\"", "\"weightType\": \"ap_fixed<70000,1>\"",
            "$.layers[3].weightType: type ap_fixed<70000,1> is 70000 bits wide; a width must be 1..65536"),
        Arguments.of("\"kind\": \"relu\"", "\"kind\": \"gelu\"", "$.layers[2].kind: unknown layer kind \"gelu\""),
        Arguments.of("{ \"kind\": \"relu\", \"name\": \"act1\" }", "{ \"name\": \"act1\" }", "$.layers[2]: missing field \"kind\""),
        Arguments.of("\"ap_fixed<6,1>\"", "\"float16\"", "$.layers[0].weightType: not a fixed-point type: \"float16\""),
        Arguments.of("\"ap_fixed<6,1>\"", "6", "$.layers[0].weightType: expected a string, found number 6"),
        Arguments.of("\"rounding\": \"half_even\"", "\"rounding\": \"nearest\"", "$.layers[0].result.rounding: unknown rounding \"nearest\""),
        Arguments.of("\"overflow\": \"saturate\"", "\"overflow\": \"clamp\"", "$.layers[3].accumulator.overflow: unknown overflow \"clamp\""),
        Arguments.of("\"outputs\": 2", "\"outputs\": 0", "$.layers[0].outputs: expected a positive integer, found 0"),
        Arguments.of("\"outputs\": 2", "\"outputs\": 2.5", "$.layers[0].outputs: expected an integer, found number 2.5"),
        Arguments.of("\"weights\": [[0.5, -0.25, 0.3], [0.125, 0.0, -1.0]],", "",
            "$.layers[0]: a dense layer needs exactly one of \"weights\" and \"rawWeights\""),
        Arguments.of("\"bias\": [0.0, 0.03125],", "\"bias\": [0.0, 0.03125], \"rawBias\": [0, 0],",
            "$.layers[0]: give at most one of \"bias\" and \"rawBias\""),
        Arguments.of("\"result\": { \"type\": \"sfix(12,8)\" },", "", "$.layers[3]: missing field \"result\""),
        Arguments.of("\"result\": { \"type\": \"sfix(12,8)\" }", "\"result\": { \"type\": \"sfix(12,8)\", \"round\": \"x\" }",
            "$.layers[3].result.round: unknown field (expected one of type, rounding, overflow)"),
        Arguments.of("\"size\": 64, \"low\": -8", "\"size\": 60, \"low\": -8",
            "$.layers[7].table: table bin width (high - low) / size = 0.26666666666666666 must be a power of two"),
        Arguments.of("\"ceiling\": 4.0", "\"ceiling\": -1", "$.layers[5]: clipped_relu5: clipped ReLU ceiling must be finite and > 0"),
        Arguments.of("\"low\": 0, \"high\": 8", "\"low\": -8, \"high\": 8", "$.layers[9]: softmax9: the reciprocal table must not reach below 0"),
        Arguments.of("{ \"kind\": \"argmax\" }", "{ \"kind\": \"argmax\", \"name\": \"act1\" }", "$.layers[10].name: two layers are named act1"),
        Arguments.of("\"format\": \"gatewright-network/1\"", "\"format\": \"onnx\"", "$.format: unknown format \"onnx\""),
        Arguments.of("\"size\": 3, \"type\": \"sfix(8,4)\"", "\"size\": 3", "$.input: missing field \"type\""),
        Arguments.of("\"size\": 3, \"type\": \"sfix(8,4)\"", "\"size\": 3, \"type\": \"sfix(80,4)\"",
            "$.input: every_kind: type sfix(80,4) is wider than 62 bits"),
        Arguments.of("\"name\": \"every_kind\",", "\"name\": \"every_kind\", \"name\": \"again\",",
            "$: line 3, column"),
        Arguments.of("\"layers\": [", "\"layers\": [ ,", "$: line 5, column"),
        Arguments.of("{ \"kind\": \"argmax\" }", "7", "$.layers[10]: expected an object, found number 7"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("malformedFiles")
  void malformedFilesFailWithTheJsonPathOfTheProblem(String from, String to, String expected) {
    assertTrue(EXAMPLE.contains(from), "the example contains " + from);
    String broken = EXAMPLE.replace(from, to);
    NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(broken));
    assertTrue(e.getMessage().startsWith(expected), "message was: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(e.path() + ": "));
  }

  /** A network of three inputs and two outputs with the given {@code input} object and top-level fields. */
  static String staged(String input, String more) {
    return "{ \"format\": \"gatewright-network/1\", \"name\": \"staged\", \"input\": " + input + more
        + ", \"layers\": [ { \"kind\": \"dense\", \"name\": \"fc\", \"outputs\": 2, \"weightType\": \"sfix(4,3)\","
        + " \"result\": { \"type\": \"sfix(12,6)\" }, \"rawWeights\": [[1, 2, 3], [-1, 0, 4]] } ] }";
  }

  @Test
  void inputEncodingsAndOutputDecodingsReadAndWriteExactly() {
    Network integers = NetworkJson.read(staged(
        "{ \"size\": 3, \"type\": \"ufix(8,0)\", \"encoding\": { \"kind\": \"integers\", \"min\": 0, \"max\": 255 } }",
        ", \"output\": { \"scale\": [0.5, 0.1], \"offset\": -1 }"));
    assertEquals(new InputEncoding.Integers(3, 0, 255), integers.inputEncoding());
    assertArrayEquals(new long[] {0, 7, 255}, integers.quantizeInput(new double[] {0, 7, 255}));
    assertThrows(IllegalArgumentException.class, () -> integers.quantizeInput(new double[] {0, 7.5, 255}));
    assertArrayEquals(new double[] {0.5, 0.1}, integers.outputDecoding().mul());
    assertArrayEquals(new double[] {-1, -1}, integers.outputDecoding().add());

    Network fixed = NetworkJson.read(staged("{ \"size\": 3, \"type\": \"sfix(8,4)\", \"encoding\": { \"kind\": \"fixed\","
        + " \"rounding\": \"TRUNCATE\", \"overflow\": \"WRAP\" } }", ""));
    assertArrayEquals(new long[] {1, -2, -128}, fixed.quantizeInput(new double[] {0.1, -0.1, 8}));
    assertTrue(fixed.outputDecoding().isIdentity());
    Network plain = NetworkJson.read(staged("{ \"size\": 3, \"type\": \"sfix(8,4)\" }", ""));
    assertEquals(InputEncoding.fixedPoint(3, sfix(8, 4)), plain.inputEncoding(), "the default: HALF_EVEN, SATURATE");
    assertArrayEquals(new long[] {2, -2, 127}, plain.quantizeInput(new double[] {0.1, -0.1, 8}));

    Network thresholds = NetworkJson.read(staged("{ \"size\": 3, \"type\": \"sfix(2,0)\", \"encoding\": {"
        + " \"kind\": \"thresholds\", \"thresholds\": [[0.25]], \"base\": -1, \"step\": 2 } }", ""));
    assertArrayEquals(new long[] {-1, 1, 1}, thresholds.quantizeInput(new double[] {0.2, 0.25, 1e300}));
    Network rows = NetworkJson.read(staged("{ \"size\": 3, \"type\": \"sfix(4,0)\", \"encoding\": {"
        + " \"kind\": \"thresholds\", \"thresholds\": [[\"-Infinity\", 0], [0, 1e-300], [1, \"Infinity\"]],"
        + " \"base\": [0, -2, 1], \"step\": [1, 2, 3] } }", ""));
    assertArrayEquals(new long[] {1, -2, 1}, rows.quantizeInput(new double[] {-1, -1, 0.5}));
    assertArrayEquals(new long[] {2, 2, 4}, rows.quantizeInput(new double[] {0, 1e-300, 1e308}));

    for (Network n : new Network[] {integers, fixed, plain, thresholds, rows}) {
      String text = NetworkJson.write(n);
      assertEquals(n, NetworkJson.read(text));
      assertEquals(text, NetworkJson.write(NetworkJson.read(text)));
    }
    assertTrue(NetworkJson.write(rows).contains("\"-Infinity\""), NetworkJson.write(rows));
    assertTrue(NetworkJson.write(thresholds).contains("\"base\" : -1"), "a uniform encoding is written once");
  }

  static Stream<Arguments> malformedStages() {
    String ints = "{ \"size\": 3, \"type\": \"ufix(8,0)\", \"encoding\": { \"kind\": \"integers\", \"min\": 0, \"max\": 255 } }";
    String thresholds = "{ \"size\": 3, \"type\": \"sfix(2,0)\", \"encoding\": { \"kind\": \"thresholds\","
        + " \"thresholds\": [[0.25]], \"base\": -1, \"step\": 2 } }";
    return Stream.of(
        Arguments.of(ints.replace("integers", "bytes"), "", "$.input.encoding.kind: unknown input encoding \"bytes\""),
        Arguments.of(ints.replace("255", "256"), "",
            "$.input.encoding: integer inputs 0..256 are not raw values of the input type ufix(8,0)"),
        Arguments.of(ints.replace("\"max\": 255", "\"max\": 255, \"scale\": 2"), "",
            "$.input.encoding.scale: unknown field (expected one of kind, min, max)"),
        Arguments.of(thresholds.replace("[[0.25]]", "[[0.25], [0.5]]"), "",
            "$.input.encoding.thresholds: expected one row of thresholds for every input or 3 rows, found 2"),
        Arguments.of(thresholds.replace("[[0.25]]", "[[0.25, 0.1]]"), "",
            "$.input.encoding.thresholds[0][1]: thresholds must not decrease: 0.1 after 0.25"),
        Arguments.of(thresholds.replace("[[0.25]]", "[[\"inf\"]]"), "",
            "$.input.encoding.thresholds[0][0]: expected a number, \"Infinity\" or \"-Infinity\", found string"),
        Arguments.of(thresholds.replace("\"step\": 2", "\"step\": 3"), "",
            "$.input.encoding: input 0 encodes to -1..2, which are not raw values of the input type sfix(2,0)"),
        Arguments.of(ints, ", \"output\": { \"scale\": [1, 2, 3], \"offset\": 0 }",
            "$.output.scale: expected 2 numbers, found 3"),
        Arguments.of(ints, ", \"output\": { \"scale\": 1 }", "$.output: missing field \"offset\""));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("malformedStages")
  void malformedInputEncodingsAndOutputDecodingsFailWithTheirJsonPath(String input, String more, String expected) {
    NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(staged(input, more)));
    assertTrue(e.getMessage().startsWith(expected), "message was: " + e.getMessage());
  }

  @Test
  void emptyDocumentsAndEmptyLayerListsAreRejected() {
    assertEquals("$: empty document", assertThrows(NetworkFormatException.class, () -> NetworkJson.read("")).getMessage());
    NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.read(
        "{\"format\": \"gatewright-network/1\", \"name\": \"n\", \"input\": {\"size\": 1, \"type\": \"sfix(8,4)\"},"
            + " \"layers\": []}"));
    assertEquals("$.layers: a network needs at least one layer", e.getMessage());
  }

  @Test
  void missingFileIsAnIoError(@TempDir Path dir) {
    assertThrows(java.io.UncheckedIOException.class, () -> NetworkJson.read(dir.resolve("missing.json")));
    assertTrue(Files.notExists(dir.resolve("missing.json")));
  }
}
