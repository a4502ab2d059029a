package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.InputEncoding;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.hw.NetworkGenerator;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code import} is lossless: a network written to gatewright-network/1 and read back is the same network,
 * builds byte-identical SystemVerilog, and encodes the model's inputs exactly as the imported model does —
 * for each kind of input stage: FINN's declared integers, hls4ml's fixed-point conversion, a model's own
 * input quantizer as thresholds.
 */
class NetworkFileRoundTripTest {

  /** Imports {@code model}, writes and reads its network, and checks everything the file must keep. */
  private static Network roundTrip(Path model, IntFunction<double[]> inputs, int samples) {
    ImportedModel imported = ModelImport.read(model);
    Network network = imported.network();
    String json = NetworkJson.write(network);
    Network back = NetworkJson.read(json);
    assertEquals(network, back, model + ": the network read back");
    assertEquals(json, NetworkJson.write(back), model + ": writing is stable");
    assertEquals(imported.input(), back.inputEncoding());
    assertEquals(imported.output(), back.outputDecoding());
    for (DenseOptions options : new DenseOptions[] {
        DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD), new DenseOptions(4, MultiplierStyle.DSP, 1)}) {
      EmittedDesign original = SystemVerilog.emit(new NetworkGenerator(network, options).build().module());
      EmittedDesign rebuilt = SystemVerilog.emit(new NetworkGenerator(back, options).build().module());
      assertEquals(original, rebuilt, model + ": byte-identical SystemVerilog with " + options);
    }
    GoldenModel golden = new GoldenModel(network);
    GoldenModel goldenBack = new GoldenModel(back);
    for (int k = 0; k < samples; k++) {
      double[] x = inputs.apply(k);
      long[] raw = imported.input().encode(x);
      assertArrayEquals(raw, back.quantizeInput(x), model + ": input " + k + " encoded as the model does");
      assertArrayEquals(imported.infer(golden, x), back.outputDecoding().decode(goldenBack.infer(raw)), 0.0,
          model + ": input " + k);
    }
    return back;
  }

  private static IntFunction<double[]> digits(double scale) {
    NumericArray images = SharedData.mnistImages();
    return k -> {
      double[] x = images.sample(k * 37);
      for (int i = 0; i < x.length; i++) {
        x[i] *= scale;
      }
      return x;
    };
  }

  private static IntFunction<double[]> gaussian(int size, long seed) {
    Random random = new Random(seed);
    return k -> {
      double[] x = new double[size];
      for (int i = 0; i < size; i++) {
        // off the input grid too: the file must keep how such values round
        x[i] = random.nextGaussian() * (k % 5 == 0 ? 40 : 2);
      }
      return x;
    };
  }

  @Test
  void finnTfcKeepsItsDeclaredIntegerInputs() {
    Network back = roundTrip(SharedData.FINN_TFC, digits(1), 200);
    assertEquals(new InputEncoding.Integers(784, 0, 255), back.inputEncoding());
  }

  @Test
  void tfc1w1aKeepsItsInputQuantizerAsThresholdsAndItsOutputScale() {
    Network back = roundTrip(SharedData.TFC_1W1A, digits(1.0 / 255), 200);
    assertInstanceOf(InputEncoding.Thresholded.class, back.inputEncoding());
    assertTrue(NetworkJson.write(back).contains("\"kind\" : \"thresholds\""));
  }

  @Test
  void qkerasJetTaggerKeepsItsFixedPointInputConversion() {
    Network back = roundTrip(SharedData.JET_TAGGER, gaussian(16, 5), 500);
    InputEncoding.FixedPoint fixed = assertInstanceOf(InputEncoding.FixedPoint.class, back.inputEncoding());
    assertEquals(back.inputType(), fixed.quantizer().type());
  }

  @Test
  void hls4mlFloatModelKeepsItsConfiguredPrecisionAndRounding() {
    Path model = SharedData.HLS4ML.resolve("onnx/three_layer_keras.onnx");
    Network back = roundTrip(model, gaussian(16, 6), 500);
    assertInstanceOf(InputEncoding.FixedPoint.class, back.inputEncoding());
    Path keras = SharedData.HLS4ML.resolve("keras/KERAS_3layer.json");
    roundTrip(keras, gaussian(16, 7), 200);
  }

  @Test
  void binaryNetworkKeepsItsQuantizedInputAndItsOutputDecoding() {
    Path model = SharedData.HLS4ML.resolve("onnx/bnn_model_fc_1layer.onnx");
    Network back = roundTrip(model, gaussian(3, 8), 500);
    assertInstanceOf(InputEncoding.Thresholded.class, back.inputEncoding());
  }
}
