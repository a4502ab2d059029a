package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.CostReport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-layer precision search trades bits for BOPs and leaves exportable, per-layer types. */
class PrecisionSearchTest {

  static Mlp search(double penalty) {
    return new Trainer(TrainerTest.small().bits(8).bopsPenalty(penalty).epochs(3).build())
        .train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE).model();
  }

  @Test
  void aBopsPenaltyDrivesBitsBelowTheStartingEightAndCutsBops() {
    Mlp searched = search(1.0);
    Mlp plain = new Trainer(TrainerTest.small().bits(8).epochs(3).build())
        .train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE).model();
    int[] bits = searched.weightBits.clone();
    assertTrue(Arrays.stream(bits).sum() < 8 * bits.length, "weight bits " + Arrays.toString(bits));
    assertTrue(Arrays.stream(bits).sum() + Arrays.stream(searched.activationBits).sum()
        < 8 * (bits.length + searched.activationBits.length), "weight bits " + Arrays.toString(bits)
        + ", activation bits " + Arrays.toString(searched.activationBits));
    double searchedBops = CostReport.of(NetworkExport.of(searched, "searched")).bops();
    double plainBops = CostReport.of(NetworkExport.of(plain, "plain")).bops();
    assertTrue(searchedBops < 0.95 * plainBops, searchedBops + " vs " + plainBops);
    assertTrue(new QuantizedInference(searched).accuracy(TrainerTest.test()) > 0.5);
  }

  @Test
  void aStrongerPenaltyEndsWithNoMoreBops() {
    double weak = CostReport.of(NetworkExport.of(search(0.05), "weak")).bops();
    double strong = CostReport.of(NetworkExport.of(search(2.0), "strong")).bops();
    assertTrue(strong <= weak, strong + " vs " + weak);
  }

  @Test
  void withoutAPenaltyTheBitsStayAsConfigured() {
    Mlp plain = new Trainer(TrainerTest.small().bits(6).epochs(1).build())
        .train(TrainerTest.train(), TrainerTest.test(), Trainer.Listener.NONE).model();
    assertArrayEquals(new int[] {6, 6, 6}, plain.weightBits);
    assertArrayEquals(new int[] {6, 6}, plain.activationBits);
  }
}
