package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import org.junit.jupiter.api.Test;

/** An exported network's golden model computes exactly what the trainer's integer inference computes. */
class ExportTest {

  @Test
  void goldenModelOfTheExportedTfcReproducesTheTrainersScoresOnAllTestDigits() {
    Dataset.Split split = Mnist.split();
    TrainConfig config = TrainConfig.builder(784, 64, 64, 64, 10).bits(4).schedule(Schedule.QAP, 0.8).epochs(1)
        .batchSize(32).seed(3).build();
    Mlp mlp = new Trainer(config).train(split.train().head(2000), split.test().head(100), Trainer.Listener.NONE)
        .model();
    Network network = NetworkJson.read(NetworkJson.write(NetworkExport.of(mlp, "tfc_w4a4")));
    assertEquals(784, network.inputs());
    assertEquals(new FixedType(false, 8, 8), network.inputType());
    assertEquals(4, network.denseLayers().size());
    assertBitExact(mlp, network, split.test());
  }

  @Test
  void exportedLayersCarryTheTrainedTypesAndTheQuantizedRelu() {
    Mlp mlp = new Trainer(TrainerTest.small().bits(5).schedule(Schedule.QAP, 0.5).build())
        .train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE).model();
    Network network = NetworkExport.of(mlp, "small");
    Dense fc1 = network.denseLayers().get(0);
    assertEquals(new FixedType(true, 5, mlp.weightFraction(0)), fc1.weightType());
    assertEquals(new FixedType(false, 5, mlp.activationFraction(0)), fc1.result().type());
    assertEquals(Rounding.HALF_EVEN, fc1.result().rounding());
    assertEquals(Overflow.SATURATE, fc1.result().overflow());
    assertEquals(mlp.accumulatorFraction(0), fc1.biasType().fraction());
    Dense last = network.denseLayers().get(2);
    assertEquals(last.accumulatorType(), last.result().type(), "the scores are the exact sums");
    CostReport cost = CostReport.of(network);
    assertEquals(1 - mlp.prunedFraction(0), (double) cost.layers().get(0).nonzeroWeights() / (784 * 24), 0.02);
    assertBitExact(mlp, network, TrainerTest.test());
  }

  @Test
  void mixedPrecisionFromTheSearchExportsBitExact() {
    Mlp mlp = new Trainer(TrainerTest.small().bits(8).bopsPenalty(0.5).epochs(2).build())
        .train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE).model();
    assertBitExact(mlp, NetworkExport.of(mlp, "searched"), TrainerTest.test());
  }

  @Test
  void batchNormTrainedFoldedExportsBitExactWithNoBatchNormLayerLeft() {
    TrainConfig config = TrainerTest.small().batchNorm(true).schedule(Schedule.QAP, 0.5).build();
    Trainer.Result result = new Trainer(config).train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE);
    Mlp mlp = result.model();
    assertTrue(mlp.hasBatchNorm(0) && mlp.hasBatchNorm(1) && !mlp.hasBatchNorm(2));
    assertTrue(mlp.runningVariance[0][0] != 1f, "the running statistics moved");
    Network network = NetworkExport.of(mlp, "folded");
    assertEquals(3, network.layers().size(), "dense layers only: the norms are folded");
    assertTrue(result.testAccuracy() > 0.6, "accuracy " + result.testAccuracy());
    assertBitExact(mlp, network, TrainerTest.test());
  }

  static void assertBitExact(Mlp mlp, Network network, Dataset data) {
    QuantizedInference trainer = new QuantizedInference(mlp);
    GoldenModel golden = new GoldenModel(network);
    int agree = 0;
    for (int s = 0; s < data.count(); s++) {
      long[] input = new long[784];
      for (int i = 0; i < input.length; i++) {
        input[i] = data.pixel(s, i);
      }
      long[] expected = trainer.scores(data, s);
      long[] actual = golden.infer(input);
      assertArrayEquals(expected, actual, "scores of test digit " + s);
      agree += QuantizedInference.argmax(expected) == QuantizedInference.argmax(actual) ? 1 : 0;
    }
    assertEquals(data.count(), agree);
    assertTrue(trainer.accuracy(data) > 0.5, "a trained model, not noise: " + trainer.accuracy(data));
  }
}
