package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.data.Npy;
import dev.gatewright.nn.reference.OnnxReference;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trained QONNX and FINN models imported as integer networks compute what the model computes: checked
 * against the models' own reference outputs and, digit for digit and score for score, against the
 * independent reference executor.
 */
class QonnxImportTest {

  @Test
  void finnTfcMatchesItsExpectedOutputAndTheReferenceOnEveryMnistDigit() {
    ImportedModel model = ModelImport.read(SharedData.FINN_TFC);
    GoldenModel golden = new GoldenModel(model.network());
    NumericArray input = Npy.read(SharedData.FINN_TFC.resolveSibling("input.npy"));
    NumericArray expected = Npy.read(SharedData.FINN_TFC.resolveSibling("expected_output.npy"));
    for (int k = 0; k < input.samples(); k++) {
      assertEquals(expected.data()[k], model.infer(golden, input.sample(k))[0], "sample " + k);
    }
    assertTrue(model.network().layers().get(0) instanceof Thresholds, "the input threshold runs in hardware");

    OnnxReference reference = OnnxReference.load(SharedData.FINN_TFC);
    NumericArray images = SharedData.mnistImages();
    NumericArray labels = SharedData.mnistLabels();
    int correct = 0;
    int referenceCorrect = 0;
    for (int k = 0; k < images.samples(); k++) {
      double[] x = images.sample(k);
      double ours = model.infer(golden, x)[0];
      double theirs = reference.infer(x)[0];
      assertEquals(theirs, ours, "digit " + k);
      correct += ours == labels.data()[k] ? 1 : 0;
      referenceCorrect += theirs == labels.data()[k] ? 1 : 0;
    }
    assertEquals(referenceCorrect, correct);
    System.out.printf("finn_tfc_w1a1: golden accuracy %.2f %% (reference %.2f %%) on %d digits%n",
        100.0 * correct / images.samples(), 100.0 * referenceCorrect / images.samples(), images.samples());
    assertTrue(correct > 9000, correct + " of 10000 correct");
  }

  @Test
  void tfc1w1aOnDigitsScaledToTheUnitIntervalAgreesWithTheReferenceDigitForDigit() {
    ImportedModel model = ModelImport.read(SharedData.TFC_1W1A);
    GoldenModel golden = new GoldenModel(model.network());
    OnnxReference reference = OnnxReference.load(SharedData.TFC_1W1A);
    NumericArray images = SharedData.mnistImages();
    NumericArray labels = SharedData.mnistLabels();
    int correct = 0;
    int referenceCorrect = 0;
    double worst = 0;
    for (int k = 0; k < images.samples(); k++) {
      double[] x = images.sample(k);
      for (int i = 0; i < x.length; i++) {
        x[i] *= 1.0 / 255;
      }
      double[] ours = model.infer(golden, x);
      double[] theirs = reference.infer(x);
      assertEquals(SharedData.argmax(theirs), SharedData.argmax(ours), "digit " + k);
      for (int c = 0; c < ours.length; c++) {
        worst = Math.max(worst, Math.abs(ours[c] - theirs[c]));
      }
      correct += SharedData.argmax(ours) == labels.data()[k] ? 1 : 0;
      referenceCorrect += SharedData.argmax(theirs) == labels.data()[k] ? 1 : 0;
    }
    assertEquals(referenceCorrect, correct);
    // the scores differ only by the rounding of the reference's double arithmetic
    assertTrue(worst < 1e-9, "largest score difference " + worst);
    System.out.printf("TFC_1W1A: golden accuracy %.2f %% (reference %.2f %%) on %d digits, largest score difference %.3g%n",
        100.0 * correct / images.samples(), 100.0 * referenceCorrect / images.samples(), images.samples(), worst);
    assertTrue(correct > 8500, correct + " of 10000 correct");
  }

  @Test
  void jetTaggerScoresEqualTheReferenceExactlyOnTenThousandSeededInputs() {
    ImportedModel model = ModelImport.read(SharedData.JET_TAGGER);
    Network network = model.network();
    GoldenModel golden = new GoldenModel(network);
    OnnxReference reference = OnnxReference.load(SharedData.JET_TAGGER);
    Random random = new Random(2026);
    int agree = 0;
    for (int k = 0; k < 10_000; k++) {
      double[] x = new double[16];
      for (int i = 0; i < x.length; i++) {
        // inputs on the network's input grid, so that the model sees exactly what the hardware sees
        long raw = Math.round(random.nextGaussian() * 1024 * (k % 10 == 0 ? 12 : 2));
        raw = Math.max(-32768, Math.min(32767, raw));
        x[i] = raw / 1024.0;
      }
      double[] ours = model.infer(golden, x);
      Map<String, OnnxReference.RefTensor> all = reference.run(x);
      assertArrayEquals(all.get("Add_3_out0").data(), ours, 0.0, "input " + k);
      agree += SharedData.argmax(ours) == SharedData.argmax(all.get("global_out").data()) ? 1 : 0;
    }
    assertEquals(10_000, agree);
    assertTrue(model.output().isIdentity(), "the network's outputs are the model's scores, no decoding");
  }

  @Test
  void jetTaggerIsTheSixBitSixteenSixtyFourThirtyTwoThirtyTwoFiveMlp() {
    Network network = ModelImport.read(SharedData.JET_TAGGER).network();
    int[] widths = {16, 64, 32, 32, 5};
    var dense = network.denseLayers();
    assertEquals(4, dense.size());
    for (int k = 0; k < 4; k++) {
      Dense d = dense.get(k);
      assertEquals(widths[k], d.inputs());
      assertEquals(widths[k + 1], d.outputs());
      assertTrue(d.weightType().width() <= 6, d.toString());
    }
    assertEquals(4389, CostReport.of(network).parameters());
    assertEquals(dev.gatewright.hdl.FixedType.ufix(6, 6), network.layers().get(1).outputType());
  }

  @Test
  void importedNetworksRoundTripThroughTheNetworkFileUnchanged() {
    for (var path : new java.nio.file.Path[] {SharedData.JET_TAGGER, SharedData.FINN_TFC, SharedData.TFC_1W1A}) {
      Network network = ModelImport.read(path).network();
      String json = NetworkJson.write(network);
      Network back = NetworkJson.read(json);
      assertEquals(network, back, path.toString());
      assertEquals(json, NetworkJson.write(back));
      long[] probe = new long[network.inputs()];
      Random random = new Random(1);
      for (int i = 0; i < probe.length; i++) {
        BigInteger min = network.inputType().minRaw();
        BigInteger span = network.inputType().maxRaw().subtract(min).add(BigInteger.ONE);
        probe[i] = min.add(BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE).mod(span)).longValueExact();
      }
      assertArrayEquals(new GoldenModel(network).infer(probe), new GoldenModel(back).infer(probe));
    }
  }
}
