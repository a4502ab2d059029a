package dev.gatewright.nn.hw;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense layers match the golden model bit for bit on both engines, in every architecture, and emit clean SV. */
@ExtendWith(CoSimulationExtension.class)
class DenseGeneratorTest {

  @TempDir
  Path directory;

  static Stream<Arguments> parallelOptions() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(
        Arguments.of(engine, DenseOptions.defaults()),
        Arguments.of(engine, DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD)),
        Arguments.of(engine, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP)),
        Arguments.of(engine, DenseOptions.defaults().withRegisterEvery(0)),
        Arguments.of(engine, DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD).withRegisterEvery(1))));
  }

  @ParameterizedTest
  @MethodSource("parallelOptions")
  void parallelDenseLayerMatchesGoldenModel(Engine engine, DenseOptions options) {
    Dense dense = TestNetworks.smallDense(Overflow.WRAP, null);
    LayerCheck.check(new DenseGenerator(dense, options).build(), dense, engine);
  }

  @Test
  void registersEveryKAdderLevelsMakeCeilDepthOverKStages() {
    Dense dense = TestNetworks.smallDense(Overflow.WRAP, null);
    DenseOptions csd = DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD);
    int depth = adderDepth(DenseDatapath.of(dense, DenseDatapathTest.fullRanges(dense), MultiplierStyle.CSD,
        dev.gatewright.nn.arith.CmvmOptions.DEFAULT));
    assertEquals(5, depth, "a 3-digit CSD multiplier (2 adders) and a tree over 6 products (3 levels)");
    assertEquals(1, new DenseGenerator(dense, csd.withRegisterEvery(0)).build().latency(), "only the output register");
    for (int k = 1; k <= 5; k++) {
      assertEquals((depth + k - 1) / k, new DenseGenerator(dense, csd.withRegisterEvery(k)).build().latency(), "K = " + k);
    }
  }

  /** Adders on the longest path of a datapath. */
  private static int adderDepth(DenseDatapath datapath) {
    int[] depth = new int[datapath.steps().size()];
    int deepest = 0;
    for (int k = 0; k < depth.length; k++) {
      for (int operand : datapath.step(k).operands()) {
        depth[k] = Math.max(depth[k], depth[operand]);
      }
      depth[k] += datapath.step(k) instanceof DenseDatapath.Adder ? 1 : 0;
      deepest = Math.max(deepest, depth[k]);
    }
    return deepest;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void narrowAccumulatorsWrapOrSaturateLikeTheGoldenModel(Engine engine) {
    for (Overflow overflow : Overflow.values()) {
      Dense dense = TestNetworks.smallDense(overflow, sfix(9, 7));
      LayerCheck.check(new DenseGenerator(dense, DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD)).build(),
          dense, engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void timeSharedDenseLayerMatchesGoldenModelAtItsInitiationInterval(Engine engine) {
    Dense dense = TestNetworks.smallDense(Overflow.WRAP, null);
    for (int reuse : new int[] {2, 3, 7}) {
      LayerHardware hardware = new DenseGenerator(dense, DenseOptions.defaults().withReuse(reuse)).build();
      assertEquals(reuse, hardware.initiationInterval());
      assertEquals(reuse + 1, hardware.latency());
      CoSimulation.Report report = LayerCheck.check(hardware, dense, engine);
      assertEquals(Vectors.corners(6, TestNetworks.IN).size() + 1000, report.comparisons());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void timeSharedLayerWithSaturatingAccumulatorMatchesGoldenModel(Engine engine) {
    Dense dense = TestNetworks.smallDense(Overflow.SATURATE, sfix(9, 7));
    LayerCheck.check(new DenseGenerator(dense, DenseOptions.defaults().withReuse(4)).build(), dense, engine);
  }

  /** Weights of ±1 LSB are the input itself (a view of it), and a bias-only row is a constant. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void unitWeightsAndBiasOnlyRowsMatchGoldenModelInEveryArchitecture(Engine engine) {
    long[][] raw = {{1, -1, 0}, {0, 0, 0}, {-32, 31, 1}};
    Dense dense = (Dense) dev.gatewright.nn.Network.builder("unit", 3, ufix(7, 3))
        .dense(Dense.builder("fc", 3).rawWeights(raw).rawBias(new long[] {-3, 5, 0}).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(7, 2), Rounding.HALF_EVEN, Overflow.SATURATE)))
        .build().layers().get(0);
    for (DenseOptions options : List.of(DenseOptions.defaults(), DenseOptions.defaults().withRegisterEvery(0),
        DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP), DenseOptions.defaults().withReuse(2))) {
      LayerCheck.check(new DenseGenerator(dense, options).build(), dense, engine);
    }
  }

  @Test
  void everyArchitecturePassesAllThreeToolsAndIsDeterministic() {
    Dense dense = TestNetworks.smallDense(Overflow.SATURATE, sfix(12, 8));
    DenseOptions csd = DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD);
    int k = 0;
    for (DenseOptions options : List.of(csd, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP),
        csd.withRegisterEvery(0), DenseOptions.defaults().withReuse(3))) {
      assertCleanInAllTools(new DenseGenerator(dense, options).build().module(), directory.resolve("dense" + k++));
      assertDeterministic(() -> new DenseGenerator(dense, options).build().module());
    }
  }

  @Test
  void prunedWeightsBuildNoMultipliers() {
    Dense dense = TestNetworks.smallDense(Overflow.WRAP, null);
    long nonzero = dense.nonzeroWeights();
    long dspMultiplies = multiplies(new DenseGenerator(dense, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP)));
    assertTrue(dspMultiplies <= nonzero && dspMultiplies > 0, dspMultiplies + " multiplies for " + nonzero + " weights");
    assertEquals(0, multiplies(new DenseGenerator(dense, DenseOptions.defaults())), "CSD style uses shifts and adds only");
    LayerHardware shared = new DenseGenerator(dense, DenseOptions.defaults().withReuse(2)).build();
    assertEquals(shared.multipliers(), multiplies(new DenseGenerator(dense, DenseOptions.defaults().withReuse(2))));
    assertTrue(shared.multipliers() <= (nonzero + 1) / 2 + dense.outputs(), shared.multipliers() + " multipliers");
  }

  private static long multiplies(DenseGenerator generator) {
    return generator.build().module().nodes().stream().filter(n -> n.op() == Op.MUL).count();
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
