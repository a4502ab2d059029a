package dev.gatewright.nn.hw;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.hdl.Hdl;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every legal network and layer name gives lint-clean SystemVerilog that simulates bit-exact. */
@ExtendWith(CoSimulationExtension.class)
class PortNamedNetworkTest {

  @TempDir
  Path directory;

  @ParameterizedTest
  @ValueSource(strings = {"x", "y", "clk", "rst", "rst_n", "in_valid", "out_valid", "scores", "scores_1", "probe_fc1_y",
      "probe_fc1_valid", "u_fc1", "u_fc1_y", "dense_fc1", "act_relu2", "module", "input", "logic", "delete", "register",
      "class", "int", "main", "jet tagger", "x.y"})
  void networkNamedLikeOneOfItsPortsNetsOrModulesIsLintClean(String name) {
    NetworkHardware hardware = new NetworkGenerator(TestNetworks.mlp(name), DenseOptions.defaults()).withLayerProbes()
        .build();
    assertCleanInAllTools(hardware.module(), directory);
  }

  @Test
  void aNameThatCannotNameAModuleIsRefusedWhenTheNetworkIsMade() {
    IllegalArgumentException digit = assertThrows(IllegalArgumentException.class, () -> TestNetworks.mlp("1net"));
    assertTrue(digit.getMessage().contains("network name '1net' must start with a letter or _"), digit.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> TestNetworks.mlp(""));
    assertTrue(empty.getMessage().contains("a network needs a name"), empty.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "clk", "scores_1"})
  void networkNamedLikeItsPortsSimulatesBitExactOnVerilator(String name) {
    NetworkHardware hardware = new NetworkGenerator(TestNetworks.mlp(name), DenseOptions.defaults()).withLayerProbes()
        .build();
    EmittedDesign design = assertCleanInAllTools(hardware.module(), directory);
    assertEquals(name + "_1", design.top(), "the top module keeps clear of its own port and net names");
    NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 50, 1), Engine.VERILATOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "y", "clk", "rst", "in_valid", "out_valid", "module"})
  void layersNamedLikePortsAreLintCleanAndBitExact(String name) {
    Network network = Network.builder("net", 4, TestNetworks.IN)
        .dense(Dense.builder(name, 3).weights(TestNetworks.randomWeights(3, 4, 7)).weightType(Hdl.sfix(6, 5))
            .result(new Quantizer(TestNetworks.IN, Rounding.TRUNCATE, Overflow.SATURATE)))
        .named(name + "_act").relu().named("in_" + name).relu().argmax().build();
    NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults().withReuse(2)).withLayerProbes()
        .build();
    assertCleanInAllTools(hardware.module(), directory);
    NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 50, 2), Engine.JAVA);
  }
}
