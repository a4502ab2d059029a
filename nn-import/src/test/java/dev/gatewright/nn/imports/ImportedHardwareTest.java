package dev.gatewright.nn.imports;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.Observation;
import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Imported networks build as hardware that matches their golden model bit for bit, scores included. */
@ExtendWith(CoSimulationExtension.class)
class ImportedHardwareTest {

  @TempDir
  Path directory;

  /** Compares every output the network observes with {@code out_valid} (the class and the scores). */
  static CoSimulation<NetworkIo> cosim(Network network) {
    NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
    GoldenModel golden = new GoldenModel(network);
    return CoSimulation.of(hardware.module()).valid(io -> io.inValid, io -> io.outValid).latency(hardware.latency())
        .golden((io, in, out) -> {
          long[][] trace = hardware.trace(golden, in.get(io.x));
          for (Observation observation : hardware.observedWith("out_valid")) {
            out.set(observation.values().apply(io), observation.expected(trace));
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void importedJetTaggerHardwareMatchesItsGoldenModel(Engine engine) {
    Network network = ModelImport.read(SharedData.JET_TAGGER).network();
    cosim(network).cornerVectors().randomVectors(2000, 12).check(engine);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void importedBinaryNetworkWithThresholdsMatchesItsGoldenModel(Engine engine) {
    Network network = ModelImport.read(SharedData.HLS4ML.resolve("onnx/bnn_model_fc_1layer.onnx")).network();
    cosim(network).cornerVectors().randomVectors(500, 13).check(engine);
  }

  @Test
  void importedFinnTfcHardwareMatchesItsGoldenModelOnMnistDigits() {
    ImportedModel model = ModelImport.read(SharedData.FINN_TFC);
    Network network = model.network();
    CoSimulation<NetworkIo> check = cosim(network);
    var images = SharedData.mnistImages();
    for (int k = 0; k < 20; k++) {
      long[] raw = model.input().encode(images.sample(k * 500));
      check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, VectorPorts.pack(raw, network.inputType())));
    }
    check.check(Engine.JAVA);
  }

  @Test
  void importedNetworksEmitCleanSystemVerilog() {
    Network network = ModelImport.read(SharedData.JET_TAGGER).network();
    assertCleanInAllTools(new NetworkGenerator(network, DenseOptions.defaults()).build().module(),
        directory.resolve("jet"));
  }
}
