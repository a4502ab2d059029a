package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.timing.ClockTarget;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A dense layer built on a shared adder graph matches the golden model bit for bit on both engines, for
 * random constant matrices of every shape and every precision around them, with the latency it reports,
 * a new input every cycle; it is lint-clean and the same every time.
 */
@ExtendWith(CoSimulationExtension.class)
class AdderGraphLayerTest {

  @TempDir
  Path directory;

  static Stream<Arguments> casesOnBothEngines() {
    return RandomLayers.cases().stream().flatMap(c -> Stream.of(Engine.values()).map(e -> Arguments.of(c, e)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("casesOnBothEngines")
  void sharedAdderGraphLayerMatchesGoldenModelAtItsLatency(RandomLayers.Case c, Engine engine) {
    LayerHardware hardware = new DenseGenerator(c.layer(), DenseOptions.defaults()).build();
    LayerCheck.check(hardware, c.layer(), engine);
    CoSimulation.Report timing = PipelineTiming.layer(hardware, c.layer(), engine, 3000, 17);
    assertEquals(3000, timing.vectors());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyInputOfASmallLayerMatchesGoldenModel(Engine engine) {
    Dense layer = RandomLayers.layer("small", RandomLayers.matrix(4, 3, 6, 0.2, "duplicates", 9), 6, sfix(4, 2),
        sfix(6, 5), null, Overflow.WRAP, Quantizer.of(sfix(7, 4)), 9);
    LayerHardware hardware = new DenseGenerator(layer, DenseOptions.defaults()).build();
    CoSimulation<LayerIo> check = CoSimulation.of(hardware.module()).latency(hardware.latency())
        .golden((io, in, out) -> out.set(io.y, VectorPorts.pack(dev.gatewright.nn.GoldenModel.dense(layer,
            VectorPorts.unpack(in.get(io.x), 3, layer.inputType())), layer.outputType())));
    for (int x = 0; x < 1 << 12; x++) {
      java.math.BigInteger bits = java.math.BigInteger.valueOf(x);
      check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, bits));
    }
    assertEquals(4096, check.check(engine).vectors());
  }

  static Stream<Arguments> pipelines() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(
        Arguments.of(engine, DenseOptions.defaults().withClock(ClockTarget.of("xc7", 600))),
        Arguments.of(engine, DenseOptions.defaults().withClock(ClockTarget.of("ice40", 150))),
        Arguments.of(engine, DenseOptions.defaults().withClock(ClockTarget.of("sky130", 900))),
        Arguments.of(engine, DenseOptions.defaults().withRegisterEvery(1)),
        Arguments.of(engine, DenseOptions.defaults().withRegisterEvery(0))));
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void aDeeperPipelineStillTakesAnInputEveryCycleWithTheLatencyItReports(Engine engine, DenseOptions options) {
    RandomLayers.Case c = RandomLayers.cases().get(0);
    for (MultiplierStyle style : MultiplierStyle.values()) {
      LayerHardware hardware = new DenseGenerator(c.layer(), options.withMultiplier(style)).build();
      assertEquals(1, hardware.initiationInterval());
      PipelineTiming.layer(hardware, c.layer(), engine, 2000, 3);
    }
  }

  @Test
  void registersEveryAdderLevelMakeADeeperPipelineThanNone() {
    Dense layer = RandomLayers.cases().get(0).layer();
    int none = new DenseGenerator(layer, DenseOptions.defaults().withRegisterEvery(0)).build().latency();
    int every = new DenseGenerator(layer, DenseOptions.defaults().withRegisterEvery(1)).build().latency();
    int fastClock = new DenseGenerator(layer, DenseOptions.defaults().withClock(ClockTarget.of("xc7", 800))).build()
        .latency();
    assertEquals(1, none, "only the output register");
    assertTrue(every > 2 && fastClock > 1, every + " stages every level, " + fastClock + " at 800 MHz");
  }

  static Stream<Arguments> perWeightCases() {
    List<RandomLayers.Case> cases = RandomLayers.cases();
    return Stream.of(Engine.values()).flatMap(e -> Stream.of(MultiplierStyle.CSD, MultiplierStyle.DSP)
        .flatMap(style -> Stream.of(cases.get(1), cases.get(2), cases.get(cases.size() - 4))
            .map(c -> Arguments.of(c, style, e))));
  }

  @ParameterizedTest(name = "{0}, {1} on {2}")
  @MethodSource("perWeightCases")
  void perWeightStylesOnExactBusesMatchGoldenModel(RandomLayers.Case c, MultiplierStyle style, Engine engine) {
    LayerHardware hardware = new DenseGenerator(c.layer(), DenseOptions.defaults().withMultiplier(style)).build();
    LayerCheck.check(hardware, c.layer(), engine);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void perWeightStylesFloorEachProductOfACoarseAccumulatorLikeTheGoldenModel(Engine engine) {
    for (Overflow overflow : Overflow.values()) {
      Dense layer = RandomLayers.coarseAccumulator(overflow);
      for (MultiplierStyle style : List.of(MultiplierStyle.CSD, MultiplierStyle.DSP)) {
        LayerCheck.check(new DenseGenerator(layer, DenseOptions.defaults().withMultiplier(style)).build(), layer, engine);
      }
    }
  }

  @Test
  void onlyTheDspStyleMultiplies() {
    Dense layer = RandomLayers.cases().get(0).layer();
    assertEquals(0, count(new DenseGenerator(layer, DenseOptions.defaults()).build(), Op.MUL));
    assertEquals(0, count(new DenseGenerator(layer, DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD)).build(),
        Op.MUL));
    long products = count(new DenseGenerator(layer, DenseOptions.defaults().withMultiplier(MultiplierStyle.DSP)).build(),
        Op.MUL);
    // one * per nonzero weight, except where the DSL folds a product by one into a wire
    assertTrue(products >= DenseDatapathGenerator.parallelMultipliers(layer) && products <= layer.nonzeroWeights(),
        products + " products for " + layer.nonzeroWeights() + " weights");
  }

  private static long count(LayerHardware hardware, Op op) {
    return hardware.module().nodes().stream().filter(n -> n.op() == op).count();
  }

  @Test
  void everyStyleIsCleanInAllThreeToolsAndTheSameEveryTime() {
    int k = 0;
    for (RandomLayers.Case c : List.of(RandomLayers.cases().get(0), RandomLayers.cases().get(3),
        RandomLayers.cases().get(RandomLayers.cases().size() - 3))) {
      for (MultiplierStyle style : MultiplierStyle.values()) {
        DenseOptions options = DenseOptions.defaults().withMultiplier(style)
            .withClock(ClockTarget.of("sky130", 700));
        assertCleanInAllTools(new DenseGenerator(c.layer(), options).build().module(), directory.resolve("d" + k++));
        assertDeterministic(() -> new DenseGenerator(c.layer(), options).build().module());
      }
    }
  }
}
