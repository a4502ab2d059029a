package dev.gatewright.nn.hw;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.nn.Activation;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of activation matches the golden model bit for bit on both engines and emits clean SV. */
@ExtendWith(CoSimulationExtension.class)
class ActivationGeneratorTest {

  @TempDir
  Path directory;

  static Stream<Arguments> activationKinds() {
    return Stream.of(Engine.values()).flatMap(engine -> TestNetworks.ACTIVATIONS.stream()
        .map(kind -> Arguments.of(engine, kind)));
  }

  private static Activation layer(String kind) {
    return (Activation) TestNetworks.activation(kind).layers().get(0);
  }

  @ParameterizedTest
  @MethodSource("activationKinds")
  void activationUnitsMatchGoldenModel(Engine engine, String kind) {
    Activation layer = layer(kind);
    LayerHardware hardware = new ActivationGenerator(layer).build();
    assertEquals(kind.equals("softmax") ? 2 : 1, hardware.latency());
    LayerCheck.check(hardware, layer, engine);
  }

  @Test
  void everyActivationPassesAllThreeToolsAndIsDeterministic() {
    for (String kind : TestNetworks.ACTIVATIONS) {
      Activation layer = layer(kind);
      assertCleanInAllTools(new ActivationGenerator(layer).build().module(), directory.resolve(kind));
      assertDeterministic(() -> new ActivationGenerator(layer).build().module());
    }
  }
}
