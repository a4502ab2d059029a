package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generator matches its golden model bit for bit, on both engines, and emits clean SystemVerilog. */
class GeneratorTest {

  static final FixedType IN = sfix(8, 5);

  @TempDir
  Path directory;

  /** 6 inputs, 4 outputs; about half the weights pruned, output 2 fully pruned, biases set. */
  static Network smallDense(Overflow accumulatorOverflow, FixedType accumulator) {
    Random random = new Random(3);
    double[][] weights = new double[4][6];
    for (int o = 0; o < 4; o++) {
      for (int i = 0; i < 6; i++) {
        weights[o][i] = o == 2 || random.nextBoolean() ? 0 : random.nextDouble() * 2 - 1;
      }
    }
    Dense.Builder dense = Dense.builder("fc", 4).weights(weights).bias(new double[] {0.25, -0.5, 0.75, 0})
        .weightType(sfix(6, 5)).biasType(sfix(6, 5))
        .result(new Quantizer(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE));
    if (accumulator != null) {
      dense.accumulator(accumulator, accumulatorOverflow);
    }
    return Network.builder("small", 6, IN).dense(dense).build();
  }

  static Map<String, BigInteger> golden(Network network, Map<String, BigInteger> in) {
    long[] x = VectorPorts.unpack(in.get("x"), network.inputs(), network.inputType());
    long[] y = new GoldenModel(network).infer(x);
    return Map.of("y", VectorPorts.pack(y, network.outputType()));
  }

  static CoSimulation check(Module module, Network network) {
    return CoSimulation.of(module).valid("in_valid", "out_valid").golden(in -> golden(network, in))
        .cornerVectors().randomVectors(2000, 9);
  }

  static Stream<Arguments> denseOptions() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(
        Arguments.of(engine, DenseOptions.defaults()),
        Arguments.of(engine, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP)),
        Arguments.of(engine, DenseOptions.defaults().withRegisterEvery(0)),
        Arguments.of(engine, DenseOptions.defaults().withRegisterEvery(1))));
  }

  @ParameterizedTest
  @MethodSource("denseOptions")
  void parallelDenseLayerMatchesGoldenModel(Engine engine, DenseOptions options) {
    Network network = smallDense(Overflow.WRAP, null);
    LayerHardware hardware = new DenseGenerator((Dense) network.layers().get(0), options).build();
    check(hardware.module(), network).check(engine);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void narrowAccumulatorsWrapOrSaturateLikeTheGoldenModel(Engine engine) {
    for (Overflow overflow : Overflow.values()) {
      Network network = smallDense(overflow, sfix(9, 7));
      LayerHardware hardware = new DenseGenerator((Dense) network.layers().get(0), DenseOptions.defaults()).build();
      check(hardware.module(), network).check(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void timeSharedDenseLayerMatchesGoldenModelAtItsInitiationInterval(Engine engine) {
    Network network = smallDense(Overflow.WRAP, null);
    for (int reuse : new int[] {2, 3, 7}) {
      LayerHardware hardware = new DenseGenerator((Dense) network.layers().get(0),
          DenseOptions.defaults().withReuse(reuse)).build();
      assertEquals(reuse, hardware.initiationInterval());
      CoSimulation check = CoSimulation.of(hardware.module()).valid("in_valid", "out_valid")
          .golden(in -> golden(network, in));
      Random random = new Random(reuse);
      for (int k = 0; k < 400; k++) {
        Map<String, BigInteger> vector = new LinkedHashMap<>();
        vector.put("in_valid", BigInteger.valueOf(k % reuse == 0 ? 1 : 0));
        vector.put("x", new BigInteger(6 * 8, random));
        check.vector(vector);
      }
      CoSimulation.Report report = check.check(engine);
      assertEquals((400 + reuse - 1) / reuse, report.comparisons());
    }
  }

  static Network activations(String kind) {
    Network.Builder builder = Network.builder("act_" + kind, 5, IN);
    Quantizer out = new Quantizer(sfix(6, 3), Rounding.HALF_UP, Overflow.SATURATE);
    return switch (kind) {
      case "linear" -> builder.linear(out).build();
      case "relu" -> builder.relu(new Quantizer(ufix(6, 4), Rounding.TRUNCATE, Overflow.WRAP)).build();
      case "clipped" -> builder.clippedRelu(1.5, out).build();
      case "hardtanh" -> builder.hardTanh(out).build();
      case "sigmoid" -> builder.sigmoid(new LookupTable(64, -4, 4, ufix(8, 8))).build();
      case "tanh" -> builder.tanh(new LookupTable(32, -2, 2, sfix(8, 6))).build();
      case "softmax" -> builder.softmax(new LookupTable(64, -8, 0, ufix(10, 9)), new LookupTable(64, 0, 8, ufix(10, 6)),
          new Quantizer(ufix(9, 8), Rounding.HALF_EVEN, Overflow.SATURATE)).build();
      default -> builder.argmax().build();
    };
  }

  static Stream<Arguments> activationKinds() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of("linear", "relu", "clipped", "hardtanh", "sigmoid",
        "tanh", "softmax", "argmax").map(kind -> Arguments.of(engine, kind)));
  }

  @ParameterizedTest
  @MethodSource("activationKinds")
  void activationUnitsMatchGoldenModel(Engine engine, String kind) {
    Network network = activations(kind);
    Layer layer = network.layers().get(0);
    LayerHardware hardware = new ActivationGenerator((dev.gatewright.nn.Activation) layer).build();
    check(hardware.module(), network).check(engine);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void networkPipelineMatchesGoldenModelAndReportsItsLatency(Engine engine) {
    Network network = Network.builder("mlp", 6, IN)
        .dense(Dense.builder("fc1", 5).weights(randomWeights(5, 6, 1)).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(10, 6), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu()
        .dense(Dense.builder("fc2", 3).weights(randomWeights(3, 5, 2)).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(10, 6), Rounding.TRUNCATE, Overflow.SATURATE)))
        .argmax()
        .build();
    NetworkGenerator.NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
    CoSimulation.of(hardware.module()).latency(hardware.latency()).golden(in -> golden(network, in))
        .cornerVectors().randomVectors(2000, 4).check(engine);
  }

  static double[][] randomWeights(int outputs, int inputs, long seed) {
    Random random = new Random(seed);
    double[][] w = new double[outputs][inputs];
    for (double[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 2 - 1;
      }
    }
    return w;
  }

  /** Bipolar, multi-level, non-increasing and always/never thresholds, on a signed and an unsigned input. */
  static Network thresholds(FixedType in) {
    long[][] t = {{0}, {-3}, {-1000}, {1000}, {5}};
    long[][] levels = {{-2, 0, 3}, {-3, 1, 5}, {-200, 2, 200}, {0, 0, 0}, {1, 2, 4}};
    return Network.builder("thr", 5, in)
        .thresholds(t, new long[] {-1, -1, -1, 1, 0}, new long[] {2, 2, 2, -2, 1}, sfix(2, 0))
        .thresholds(levels, new long[] {0, 3, -2, 7, -5}, new long[] {1, -1, 2, -3, 5}, sfix(6, 1))
        .build();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void thresholdLayersMatchGoldenModel(Engine engine) {
    for (FixedType in : List.of(IN, ufix(6, 2))) {
      Network network = thresholds(in);
      for (Layer layer : network.layers()) {
        Network single = new Network("one", layer.inputs(), layer.inputType(), List.of(layer));
        check(new ThresholdGenerator((dev.gatewright.nn.Thresholds) layer).build().module(), single).check(engine);
      }
      NetworkGenerator.NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
      CoSimulation.of(hardware.module()).latency(hardware.latency()).golden(in2 -> golden(network, in2))
          .cornerVectors().randomVectors(1000, 6).check(engine);
    }
  }

  @Test
  void generatedLayersPassAllThreeToolsAndAreDeterministic() {
    Network network = smallDense(Overflow.SATURATE, sfix(12, 8));
    Dense dense = (Dense) network.layers().get(0);
    int k = 0;
    for (DenseOptions options : List.of(DenseOptions.defaults(), DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP),
        DenseOptions.defaults().withReuse(3))) {
      assertCleanInAllTools(new DenseGenerator(dense, options).build().module(), directory.resolve("dense" + k++));
      assertDeterministic(() -> new DenseGenerator(dense, options).build().module());
    }
    for (String kind : List.of("linear", "relu", "clipped", "hardtanh", "sigmoid", "tanh", "softmax", "argmax")) {
      Layer layer = activations(kind).layers().get(0);
      assertCleanInAllTools(new ActivationGenerator((dev.gatewright.nn.Activation) layer).build().module(),
          directory.resolve(kind));
    }
    for (FixedType in : List.of(IN, ufix(6, 2))) {
      int t = 0;
      for (Layer layer : thresholds(in).layers()) {
        var thresholds = (dev.gatewright.nn.Thresholds) layer;
        assertCleanInAllTools(new ThresholdGenerator(thresholds).build().module(),
            directory.resolve("thresholds" + in.signed() + t++));
        assertDeterministic(() -> new ThresholdGenerator(thresholds).build().module());
      }
    }
  }

  @Test
  void prunedWeightsBuildNoMultipliers() {
    Network network = smallDense(Overflow.WRAP, null);
    Dense dense = (Dense) network.layers().get(0);
    LayerHardware sequential = new DenseGenerator(dense, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP)).build();
    long multiplies = sequential.module().nodes().stream().filter(n -> n.op() == dev.gatewright.hdl.ir.Op.MUL).count();
    long nonTrivial = 0;
    for (long[] row : dense.weights()) {
      for (long w : row) {
        nonTrivial += w != 0 ? 1 : 0;
      }
    }
    assertTrue(multiplies <= nonTrivial && multiplies > 0, multiplies + " multiplies for " + nonTrivial + " weights");
    long csdMultiplies = new DenseGenerator(dense, DenseOptions.defaults()).build().module().nodes().stream()
        .filter(n -> n.op() == dev.gatewright.hdl.ir.Op.MUL).count();
    assertEquals(0, csdMultiplies, "CSD style uses shifts and adds only");
  }

  @Test
  void canonicalSignedDigitsHaveNoAdjacentNonzeroDigitsAndSumToTheValue() {
    for (long value = -300; value <= 300; value++) {
      int[] digits = ConstantMultiplier.csd(value);
      long sum = 0;
      for (int i = 0; i < digits.length; i++) {
        sum += (long) digits[i] << i;
        if (i > 0) {
          assertTrue(digits[i] == 0 || digits[i - 1] == 0, "adjacent nonzero digits in " + value);
        }
      }
      assertEquals(value, sum);
    }
    assertEquals(1, ConstantMultiplier.adders(7), "7 = 8 - 1");
  }
}
