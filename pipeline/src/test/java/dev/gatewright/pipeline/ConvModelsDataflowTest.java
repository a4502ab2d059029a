package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.dataflow.Folding;
import dev.gatewright.nn.dataflow.FoldingSearch;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.dataflow.DataflowGenerator;
import dev.gatewright.nn.dataflow.DataflowHardware;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import onnx.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imported convolutional models (hls4ml's Conv1D and Conv2D Keras examples, the ONNX MNIST CNN at its
 * precision) build as dataflow pipelines that equal their golden models bit for bit, every score of every
 * frame, with the source pausing and the sink refusing beats at random, and run on their schedule. A handful
 * of frames on the Java engine: the import tests check the golden models against the reference executor.
 */
class ConvModelsDataflowTest {

  static final Path MODELS = TrainedModelHardwareTest.DATA.resolve("models");

  @TempDir Path out;

  /** Builds and checks; the random frames also go to the model's reference executor. */
  private DataflowBuildReport build(ModelSource source, Folding folding, long frames) {
    Network network = source.network();
    assertTrue(network.layers().stream().anyMatch(Conv.class::isInstance), network.toString());
    DataflowBuildReport report = DataflowBuild.run(source, DataflowBuildOptions.builder(out, folding, "test")
        .frames(frames).stalls(0.3, 0.3).build(), line -> { });
    assertTrue(report.succeeded(), report.toString());
    assertTrue(report.verification().bitExact(), report.verification().mismatch());
    assertEquals(report.verification().scheduledCycles(), report.verification().measuredCycles());
    assertTrue(report.verification().reference() != null && report.verification().reference().inputs() >= frames, String.valueOf(report.verification().reference()));
    System.out.println(network.name() + " dataflow, " + report.cyclesPerFrame() + " cycles/frame: " + report.verification().reference());
    return report;
  }

  @Test
  void hls4mlConv1dKerasModelIsBitExactFullyParallelAndFolded() {
    ModelSource source = ModelSource.read(MODELS.resolve("hls4ml_example_models/onnx/conv1d_small_keras.onnx"), null);
    build(source, Folding.fullyParallel(source.network()), 12);
    DataflowBuildReport folded = build(source, FoldingSearch.forCycles(source.network(), 160), 6);
    assertTrue(folded.cyclesPerFrame() <= 160, folded.toString());
  }

  @Test
  void hls4mlConv2dKerasModelIsBitExact() {
    ModelSource source = ModelSource.read(MODELS.resolve("hls4ml_example_models/onnx/conv2d_small_keras.onnx"), null);
    build(source, Folding.fullyParallel(source.network()), 4);
  }

  /**
   * The MNIST CNN takes about 20,000 cycles per frame: two frames (the shipped digit {@code input_0.pb} and a
   * random one) straight through the stream checker, not the whole build's corner and paced frames.
   */
  @Test
  void onnxMnistCnnIsBitExactAtItsPrecision() throws Exception {
    Path dir = MODELS.resolve("qonnx_mnist_conv");
    Network network = ModelImport.read(dir.resolve("model.onnx"), Path.of("../examples/precision/qonnx_mnist_conv.yml"))
        .network();
    DataflowHardware hw = new DataflowGenerator(network, Folding.fullyParallel(network)).build();
    TensorProto digit = TensorProto.parseFrom(Files.readAllBytes(dir.resolve("input_0.pb")));
    FloatBuffer pixels = digit.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    double[] image = new double[pixels.remaining()];
    for (int i = 0; i < image.length; i++) {
      image[i] = pixels.get(i);
    }
    long[] random = new Random(3).longs(network.inputs(), 0, 256).toArray();
    CoSimulation.Report run = DataflowStreams.check(hw, new GoldenModel(network),
        List.of(network.quantizeInput(image), random), Engine.JAVA, 0.3, 0.3, 5).report();
    assertEquals(2, run.comparisons());
  }
}
