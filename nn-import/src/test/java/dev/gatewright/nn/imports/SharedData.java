package dev.gatewright.nn.imports;

import dev.gatewright.nn.data.Idx;
import dev.gatewright.nn.data.NumericArray;
import java.nio.file.Path;

/** The shared models and data, by paths relative to the project root (tests run in the module directory). */
final class SharedData {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent().resolve("../shared/data").normalize();
  static final Path MODELS = ROOT.resolve("models");
  static final Path FINN_TFC = MODELS.resolve("finn_tfc_w1a1/model.onnx");
  static final Path TFC_1W1A = MODELS.resolve("qonnx_model_zoo/MNIST_TFC/TFC_1W1A.onnx");
  static final Path JET_TAGGER = MODELS.resolve("qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx");
  static final Path HLS4ML = MODELS.resolve("hls4ml_example_models");

  private static NumericArray images;
  private static NumericArray labels;

  private SharedData() {}

  static synchronized NumericArray mnistImages() {
    if (images == null) {
      images = Idx.read(ROOT.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz"));
    }
    return images;
  }

  static synchronized NumericArray mnistLabels() {
    if (labels == null) {
      labels = Idx.read(ROOT.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz"));
    }
    return labels;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
