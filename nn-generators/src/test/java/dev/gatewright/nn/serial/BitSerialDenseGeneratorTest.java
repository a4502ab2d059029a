package dev.gatewright.nn.serial;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bit-serial dense layers are bit-exact at every precision, with the precision changing from one
 * inference to the next, under random stalls on both streams.
 */
@ExtendWith(CoSimulationExtension.class)
class BitSerialDenseGeneratorTest {

  @TempDir
  Path directory;

  /** 7 inputs, 5 outputs, some weights pruned and one output fully pruned, biases set. */
  static Dense layer(FixedType input, FixedType weight, Overflow accumulatorOverflow, long seed) {
    Random random = new Random(seed);
    double[][] w = new double[5][7];
    for (int o = 0; o < 5; o++) {
      for (int i = 0; i < 7; i++) {
        w[o][i] = o == 3 || random.nextInt(4) == 0 ? 0
            : (weight.signed() ? random.nextDouble() * 2 - 1 : random.nextDouble());
      }
    }
    Dense.Builder dense = Dense.builder("fc", 5).weights(w).weightType(weight)
        .bias(new double[] {0.25, -0.5, 0, 0.75, -0.125}).biasType(sfix(8, 4))
        .result(new Quantizer(sfix(9, 4), Rounding.HALF_EVEN, Overflow.SATURATE));
    if (accumulatorOverflow != null) {
      dense.accumulator(sfix(12, input.fraction() + weight.fraction()), accumulatorOverflow);
    }
    return (Dense) Network.builder("bs", 7, input).dense(dense).build().layers().get(0);
  }

  static List<Dense> layers() {
    return List.of(layer(sfix(6, 3), sfix(6, 4), null, 1), layer(ufix(4, 2), ufix(5, 5), null, 2),
        layer(sfix(5, 2), sfix(7, 5), Overflow.WRAP, 3), layer(sfix(5, 2), sfix(4, 3), Overflow.SATURATE, 4));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyPrecisionIsBitExactWithPrecisionChangingBetweenInferences(Engine engine) {
    for (Dense layer : layers()) {
      BitSerialHardware hardware = new BitSerialDenseGenerator(layer, BitSerialOptions.planes()).build();
      BitSerialGolden golden = new BitSerialGolden(layer);
      CoSimulation.of(hardware.module()).streams(io -> io.in, io -> io.out).stalls(0.2, 0.3, 5)
          .golden((io, in, out) -> out.set(io.out.payload, VectorPorts.pack(golden.infer(
              VectorPorts.unpack(in.get(io.in.payload.x), layer.inputs(), layer.inputType()),
              in.get(io.in.payload.precision).longValueExact()), layer.outputType())))
          .cornerVectors().randomVectors(engine == Engine.JAVA ? 3000 : 800, 17).check(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void dualPrecisionSwitchesBetweenLowAndFullOnTheSameDatapath(Engine engine) {
    Dense layer = layers().get(0);
    BitSerialHardware hardware = new BitSerialDenseGenerator(layer, BitSerialOptions.dual(2)).build();
    assertEquals(List.of(2, 6), hardware.precisions());
    BitSerialGolden golden = new BitSerialGolden(layer);
    CoSimulation.of(hardware.module()).streams(io -> io.in, io -> io.out).stalls(0.1, 0.2, 3)
        .golden((io, in, out) -> out.set(io.out.payload, VectorPorts.pack(golden.infer(
            VectorPorts.unpack(in.get(io.in.payload.x), layer.inputs(), layer.inputType()),
            in.get(io.in.payload.high).signum() == 1 ? 6 : 2), layer.outputType())))
        .cornerVectors().randomVectors(1500, 23).check(engine);
  }

  @Test
  void fullPrecisionIsTheLayerAndOnePlaneKeepsOnlyTheSignPlane() {
    Dense layer = layers().get(0);
    BitSerialGolden golden = new BitSerialGolden(layer);
    GoldenModel exact = new GoldenModel(List.of(layer));
    Random random = new Random(4);
    for (int n = 0; n < 500; n++) {
      long[] x = new long[layer.inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(64) - 32;
      }
      assertArrayEquals(exact.infer(x), golden.infer(x, 6));
      assertArrayEquals(exact.infer(x), golden.infer(x, 7), "above the stored width counts as full precision");
      assertArrayEquals(golden.infer(x, 1), golden.infer(x, 0), "0 planes counts as 1");
    }
    Dense one = BitSerialGolden.atPrecision(layer, 1);
    for (long[] row : one.weights()) {
      for (long w : row) {
        assertTrue(w == 0 || w == -32, "one plane of a 6-bit signed weight is 0 or -32, not " + w);
      }
    }
  }

  @Test
  void cyclesPerInferenceArePlanesPlusOneInSimulation() {
    Dense layer = layers().get(0);
    BitSerialHardware hardware = new BitSerialDenseGenerator(layer, BitSerialOptions.planes()).build();
    try (Simulator sim = Engine.JAVA.open(hardware.module())) {
      sim.reset(2);
      sim.poke("out_ready", 1);
      for (int p = 1; p <= 6; p++) {
        sim.poke("in_payload_precision", p);
        sim.poke("in_valid", 1);
        sim.eval();
        assertEquals(1, sim.peek("in_ready"));
        sim.step(1);
        sim.poke("in_valid", 0);
        int cycles = 1;
        sim.eval();
        while (sim.peek("out_valid") == 0) {
          sim.step(1);
          sim.eval();
          cycles++;
        }
        assertEquals(hardware.cyclesPerInference(p), cycles, "precision " + p);
        sim.step(1);
      }
    }
  }

  @Test
  void inexactAccumulatorIsRefusedNamingTheLayer() {
    Dense layer = (Dense) Network.builder("bs", 3, sfix(6, 3))
        .dense(Dense.builder("fc9", 2).weights(new double[][] {{0.5, 0.25, 0}, {0, -0.5, 0.75}}).weightType(sfix(6, 4))
            .accumulator(sfix(12, 4), Overflow.WRAP).result(Quantizer.of(sfix(8, 3))))
        .build().layers().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BitSerialDenseGenerator(layer, BitSerialOptions.planes()));
    assertTrue(e.getMessage().startsWith("fc9: a bit-serial layer needs exact products"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new BitSerialDenseGenerator(layers().get(0), BitSerialOptions.dual(6)));
  }

  @Test
  void bitSerialLayersPassAllThreeToolsAndAreDeterministic() {
    int k = 0;
    for (Dense layer : layers().subList(0, 2)) {
      for (BitSerialOptions options : List.of(BitSerialOptions.planes(), BitSerialOptions.dual(2))) {
        assertCleanInAllTools(new BitSerialDenseGenerator(layer, options).build().module(), directory.resolve("b" + k++));
        assertDeterministic(() -> new BitSerialDenseGenerator(layer, options).build().module());
      }
    }
  }
}
