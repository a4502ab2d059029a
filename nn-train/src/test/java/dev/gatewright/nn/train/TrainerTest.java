package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.FaultModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer on small subsets of the shared MNIST digits: tiny nets, few epochs. */
class TrainerTest {

  static Dataset train() {
    return Mnist.split().train().head(1024);
  }

  static Dataset test() {
    return Mnist.split().test().head(500);
  }

  static TrainConfig.Builder small() {
    return TrainConfig.builder(784, 24, 16, 10).bits(4).epochs(3).batchSize(32).seed(7);
  }

  static Trainer.Result train(TrainConfig config) {
    return new Trainer(config).train(train(), test(), Trainer.Listener.NONE);
  }

  @Test
  void sameSeedGivesTheSameWeightsBitForBitWhateverTheThreadCount() {
    TrainConfig.Builder config = small().schedule(Schedule.QAP, 0.5).faults(FaultModel.bitFlips(1e-3))
        .batchNorm(true);
    Mlp one = train(config.threads(1).build()).model();
    Mlp two = train(config.threads(2).build()).model();
    Mlp three = train(config.threads(3).build()).model();
    assertTrue(one.sameAs(two), "1 vs 2 threads");
    assertTrue(one.sameAs(three), "1 vs 3 threads");
    assertFalse(one.sameAs(train(config.threads(2).seed(8).build()).model()), "another seed");
  }

  @Test
  void quantizedTrainingLearnsTheDigitsWellAboveChance() {
    Trainer.Result result = train(small().epochs(4).build());
    assertTrue(result.testAccuracy() > 0.6, "accuracy " + result.testAccuracy());
    assertTrue(result.history().get(3).loss() < result.history().get(0).loss(), "the loss falls");
    assertTrue(result.history().stream().allMatch(Trainer.Epoch::quantized));
  }

  @Test
  void everyWeightIsACodeOfItsPowerOfTwoScale() {
    Mlp mlp = train(small().bits(3).build()).model();
    for (int l = 0; l < mlp.layers(); l++) {
      for (int code : mlp.weightCodes(l)) {
        assertTrue(code >= -4 && code <= 3, "3-bit code " + code);
      }
    }
  }

  @Test
  void qapPrunesEveryLayerToTheTargetSparsity() {
    Trainer.Result result = train(small().schedule(Schedule.QAP, 0.75).build());
    Mlp mlp = result.model();
    for (int l = 0; l < mlp.layers(); l++) {
      int weights = mlp.inputs(l) * mlp.outputs(l);
      assertEquals(Math.floor(0.75 * weights) / weights, mlp.prunedFraction(l), 1e-12, "layer " + l);
    }
    assertTrue(result.history().get(0).sparsity() > 0.3, "QAP prunes during training");
  }

  @Test
  void qatThenPrunePrunesOnlyAfterTheLastStep() {
    Trainer.Result result = train(small().schedule(Schedule.QAT_THEN_PRUNE, 0.75).build());
    assertTrue(result.history().get(0).sparsity() < 0.3, "sparsity after epoch 1: " + result.history().get(0));
    assertEquals(Math.floor(0.75 * 784 * 24) / (784 * 24), result.model().prunedFraction(0), 1e-12);
  }

  @Test
  void pruneThenQatTrainsInFloatFirstThenQuantized() {
    Trainer.Result result = train(small().epochs(4).schedule(Schedule.PRUNE_THEN_QAT, 0.6).build());
    List<Trainer.Epoch> h = result.history();
    assertFalse(h.get(0).quantized());
    assertTrue(h.get(3).quantized());
    assertEquals(Math.floor(0.6 * 784 * 24) / (784 * 24), result.model().prunedFraction(0), 1e-12);
  }

  @Test
  void fixedFanInLeavesEveryNeuronAtMostKInputs() {
    Mlp mlp = train(small().schedule(Schedule.QAP, 0).fanIn(6).build()).model();
    for (int l = 0; l < mlp.layers(); l++) {
      assertEquals(6, mlp.maxFanIn(l), "layer " + l);
    }
  }

  @Test
  void sgdWithMomentumTrainsToo() {
    Trainer.Result result = train(small().epochs(3).optimizer(new Optimizer.Sgd(0.05, 0.9)).build());
    assertTrue(result.testAccuracy() > 0.75, "accuracy " + result.testAccuracy());
  }

  @Test
  void configsThatCannotWorkAreRejectedWithTheReason() {
    var e = assertThrows(IllegalArgumentException.class, () -> small().schedule(Schedule.QAT, 0.5).build());
    assertTrue(e.getMessage().contains("schedule qat does not prune"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().weightBits(1).build());
    assertTrue(e.getMessage().contains("weight bits must be in 2..16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().schedule(Schedule.QAP, 1.0).build());
    assertTrue(e.getMessage().contains("sparsity is a fraction in [0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(TrainConfig.builder(100, 10).build()).train(train(), test(), Trainer.Listener.NONE));
    assertTrue(e.getMessage().contains("784 features"), e.getMessage());
  }
}
