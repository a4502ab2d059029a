package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Networks of truth-table neurons compute their golden model bit for bit and emit clean SV. */
@ExtendWith(CoSimulationExtension.class)
class LutNetworkGeneratorTest {

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void logicNetsNetworkAsTablesMatchesGoldenModelOnScoresAndClass(Engine engine) {
    Network network = LogicNetsNetworks.jetLike(5);
    for (TableStyle style : engine == Engine.JAVA ? TableStyle.values() : new TableStyle[] {TableStyle.LOGIC}) {
      LutOptions options = LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES).withMaxAddressBits(16)
          .withStyle(style);
      LutNetworkHardware hardware = new LutNetworkGenerator(network, options).build();
      assertEquals(3, hardware.plan().tables().size(), hardware.plan().describe());
      cosimulate(hardware, engine, 1500);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void mixedPlanKeepsTheWideLayerAsArithmeticAndStaysBitExact(Engine engine) {
    Network network = LogicNetsNetworks.jetLike(7);
    LutNetworkHardware hardware = new LutNetworkGenerator(network, LutOptions.defaults()).build();
    LutPlan plan = hardware.plan();
    LutPlan.Stage last = plan.stages().stream().filter(s -> s.first() == 4).findFirst().orElseThrow();
    LutPlan.Arithmetic wide = assertInstanceOf(LutPlan.Arithmetic.class, last, plan.describe());
    assertTrue(wide.reason().contains("15 address bits > 12"), wide.reason());
    assertEquals(2, plan.tables().size(), plan.describe());
    cosimulate(hardware, engine, 1500);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void arithmeticPolicyBuildsTheSameFunctionWithAdders(Engine engine) {
    Network network = LogicNetsNetworks.jetLike(5);
    LutNetworkHardware hardware = new LutNetworkGenerator(network,
        LutOptions.defaults().withPolicy(LutOptions.Policy.ARITHMETIC)).build();
    assertTrue(hardware.plan().tables().isEmpty());
    cosimulate(hardware, engine, 500);
  }

  @Test
  void sparseNetworkFromGatewrightJsonBuildsAsTables() throws Exception {
    Network network = LogicNetsNetworks.jetLike(11);
    Path file = directory.resolve("lnet.json");
    NetworkJson.write(network, file);
    Network read = NetworkJson.read(file);
    LutPlan plan = LutPlan.of(read, LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES).withMaxAddressBits(16));
    assertEquals(3, plan.tables().size());
    for (LutPlan.Table table : plan.tables()) {
      assertTrue(table.layer().maxFanIn() >= 3 && table.layer().maxFanIn() <= 5, table.layer().toString());
    }
    cosimulate(new LutNetworkGenerator(plan).build(), Engine.JAVA, 300);
  }

  @Test
  void everyStyleAndPolicyPassesAllThreeToolsAndIsDeterministic() {
    Network network = LogicNetsNetworks.jetLike(5);
    int k = 0;
    for (LutOptions options : new LutOptions[] {
        LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES).withMaxAddressBits(16),
        LutOptions.defaults().withStyle(TableStyle.ROM),
        LutOptions.defaults().withPolicy(LutOptions.Policy.ARITHMETIC)}) {
      assertCleanInAllTools(new LutNetworkGenerator(network, options).build().module(), directory.resolve("d" + k++));
      assertDeterministic(() -> new LutNetworkGenerator(network, options).build().module());
    }
  }

  /** Corner and random inputs, every cycle, then with random gaps; compares {@code y} and {@code scores}. */

  /**
   * Tables as and/or/mux trees that Verilator 5.006's bit-op-tree folding got wrong (fc1's neuron 3 at x = 0xc000
   * gave 0 where Icarus and the golden model give 1), until the Verilator build turned that folding off.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void andOrMuxTreesThatVerilatorsBitOpTreeFoldingMiscomputesStayBitExact(Engine engine) {
    LutNetworkHardware hardware = new LutNetworkGenerator(LutNetworks.logicNets(), LutOptions.defaults()
        .withPolicy(LutOptions.Policy.TABLES)).build();
    cosimulate(hardware, engine, 3000);
  }

  private static void cosimulate(LutNetworkHardware hardware, Engine engine, int random) {
    Network network = hardware.plan().network();
    GoldenModel golden = new GoldenModel(network);
    int layers = network.layers().size();
    CoSimulation<LutNetworkIo> check = CoSimulation.of(hardware.module())
        .valid(io -> io.inValid, io -> io.outValid)
        .latency(hardware.latency())
        .golden((io, in, out) -> {
          long[][] trace = golden.trace(VectorPorts.unpack(in.get(io.x), network.inputs(), network.inputType()));
          out.set(io.y, VectorPorts.pack(trace[layers], network.outputType()));
          if (io.scores != null) {
            out.set(io.scores, VectorPorts.pack(trace[layers - 1], network.layers().get(layers - 1).inputType()));
          }
        });
    Random values = new Random(random);
    long max = 1L << network.inputType().width();
    for (long corner : new long[] {0, max - 1, 1, max / 2}) {
      long[] x = new long[network.inputs()];
      java.util.Arrays.fill(x, corner);
      check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, VectorPorts.pack(x, network.inputType())));
    }
    for (int n = 0; n < random; n++) {
      boolean valid = n < random / 2 || values.nextInt(3) > 0;
      BigInteger x = new BigInteger(network.inputs() * network.inputType().width(), values);
      check.vector((io, v) -> v.set(io.inValid, valid ? 1 : 0).set(io.x, x));
    }
    check.check(engine);
  }
}
