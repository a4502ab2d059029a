package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.FaultModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults while training and while evaluating: seeded, and they do what the fault model says. */
class FaultAwareTrainingTest {

  @Test
  void faultsInTrainingChangeTheTrainedWeightsReproducibly() {
    Mlp plain = TrainerTest.train(TrainerTest.small().build()).model();
    TrainConfig faulty = TrainerTest.small().faults(FaultModel.bitFlips(0.01)).build();
    Mlp a = TrainerTest.train(faulty).model();
    Mlp b = TrainerTest.train(faulty).model();
    assertTrue(a.sameAs(b), "the same faults for the same seed");
    assertTrue(!a.sameAs(plain), "faults change training");
  }

  @Test
  void accuracyFallsAsTheFaultRateRisesAndIsSeeded() {
    Mlp mlp = TrainerTest.train(TrainerTest.small().epochs(3).build()).model();
    Dataset test = TrainerTest.test();
    List<Double> rates = List.of(0.0, 1e-3, 0.3);
    List<FaultEvaluation.Point> points = FaultEvaluation.run(mlp, test, FaultModel.Kind.BIT_FLIP, rates, 2, 5);
    assertEquals(new QuantizedInference(mlp).accuracy(test), points.get(0).meanAccuracy(), 1e-12, "rate 0: clean");
    assertTrue(points.get(2).meanAccuracy() < points.get(0).meanAccuracy() - 0.2, points.toString());
    assertEquals(points, FaultEvaluation.run(mlp, test, FaultModel.Kind.BIT_FLIP, rates, 2, 5));
    assertNotEquals(points.get(2), FaultEvaluation.run(mlp, test, FaultModel.Kind.BIT_FLIP, rates, 2, 6).get(2));
  }

  @Test
  void stuckAtZeroAtRateOneSilencesTheNetwork() {
    Mlp mlp = TrainerTest.train(TrainerTest.small().build()).model();
    FaultModel dead = new FaultModel(FaultModel.Kind.STUCK_AT_ZERO, 1, java.util.EnumSet.allOf(FaultModel.Site.class));
    QuantizedInference faulty = new QuantizedInference(mlp).withWeightFaults(dead, mlp, new java.util.SplittableRandom(1));
    long[] scores = faulty.scores(TrainerTest.test(), 0, dead, new java.util.SplittableRandom(2));
    long[] biasOnly = mlp.biasCodes(mlp.layers() - 1);
    assertEquals(java.util.Arrays.toString(biasOnly), java.util.Arrays.toString(scores),
        "zero weights and activations leave the last layer's biases");
  }
}
