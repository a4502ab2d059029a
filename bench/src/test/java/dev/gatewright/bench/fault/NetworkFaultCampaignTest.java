package dev.gatewright.bench.fault;

import static dev.gatewright.hdl.Hdl.sfix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.harden.RegisterTmr;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns on a small classifier: no faults, no errors; upsets cause errors; TMR errs as its prediction says. */
class NetworkFaultCampaignTest {

  @TempDir
  Path directory;

  static Network classifier() {
    Random random = new Random(2);
    double[][] w1 = new double[6][8];
    double[][] w2 = new double[4][6];
    for (double[] row : w1) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextDouble() * 2 - 1;
      }
    }
    for (double[] row : w2) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextDouble() * 2 - 1;
      }
    }
    return Network.builder("classifier", 8, sfix(4, 2))
        .dense(Dense.builder("fc1", 6).weights(w1).weightType(sfix(5, 4))
            .result(new Quantizer(sfix(8, 4), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu()
        .dense(Dense.builder("fc2", 4).weights(w2).weightType(sfix(5, 4))
            .result(new Quantizer(sfix(8, 4), Rounding.TRUNCATE, Overflow.SATURATE)))
        .argmax()
        .build();
  }

  private record Setup(Network network, NetworkHardware hardware, List<long[]> inputs, int[] labels) {}

  private static Setup setup(int digits) {
    Network network = classifier();
    NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
    GoldenModel golden = new GoldenModel(network);
    Random random = new Random(5);
    List<long[]> inputs = new ArrayList<>();
    int[] labels = new int[digits];
    for (int d = 0; d < digits; d++) {
      long[] x = new long[8];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(16) - 8;
      }
      inputs.add(x);
      labels[d] = (int) golden.infer(x)[0];
    }
    return new Setup(network, hardware, inputs, labels);
  }

  @Test
  void faultFreeRunsAreTheGoldenModelAndUpsetsCauseErrors() {
    Setup s = setup(300);
    NetworkFaultCampaign campaign = new NetworkFaultCampaign(s.network(), s.hardware().module(), s.hardware().latency(),
        s.inputs(), s.labels(), 2);
    NetworkFaultCampaign.Outcome none = campaign.run(1e-9, 1, done -> { });
    assertEquals(0, none.wrong());
    assertEquals(300, none.correct(), "labels are the golden classes");
    NetworkFaultCampaign.Outcome many = campaign.run(2e-2, 2, done -> { });
    assertTrue(many.faults() > 300, many.toString());
    assertTrue(many.wrong() > 10 && many.wrong() < 300, many.toString());
    assertTrue(many.correct() <= 300 - many.wrong() + many.wrong(), many.toString());
    assertEquals(300 - many.correct(), countMisclassified(many), many.toString());
  }

  private static long countMisclassified(NetworkFaultCampaign.Outcome outcome) {
    return outcome.runs() - outcome.correct();
  }

  @Test
  void tmrErrsAboutAsThePlainDesignAtTheVotedRate() {
    Setup s = setup(600);
    Component<NetworkIo> tmr = RegisterTmr.apply(s.hardware().module()).design();
    NetworkFaultCampaign plain = new NetworkFaultCampaign(s.network(), s.hardware().module(), s.hardware().latency(),
        s.inputs(), s.labels(), 2);
    NetworkFaultCampaign hardened = new NetworkFaultCampaign(s.network(), tmr, s.hardware().latency(), s.inputs(),
        s.labels(), 2);
    assertEquals(3 * plain.registerBits(), hardened.registerBits());
    double rate = 3e-2;
    NetworkFaultCampaign.Outcome p = plain.run(rate, 3, done -> { });
    NetworkFaultCampaign.Outcome t = hardened.run(rate, 4, done -> { });
    NetworkFaultCampaign.Outcome predicted = plain.run(RegisterTmr.votedUpsetProbability(rate), 5, done -> { });
    assertTrue(t.wrong() < p.wrong() / 3, "TMR " + t + " against plain " + p);
    // binomial counts of 600 runs: within a generous band of each other
    double sd = Math.sqrt(600 * predicted.errorRate() * (1 - predicted.errorRate())) + 3;
    assertEquals(predicted.wrong(), t.wrong(), 4 * sd, "TMR " + t + " against plain at the voted rate " + predicted);
  }

  @Test
  void tableAndPlotAreWritten() throws Exception {
    Setup s = setup(50);
    NetworkFaultCampaign plain = new NetworkFaultCampaign(s.network(), s.hardware().module(), s.hardware().latency(),
        s.inputs(), s.labels(), 1);
    NetworkFaultCampaign.Outcome o = plain.run(1e-2, 1, done -> { });
    List<FaultBench.Row> rows = List.of(new FaultBench.Row(1e-2, o, o, 3e-4, o));
    String table = FaultBench.table(rows, 50);
    assertTrue(table.contains("| 1.0e-02 |"), table);
    Path png = directory.resolve("plot.png");
    FaultBench.plot(rows, png);
    assertTrue(Files.size(png) > 1000);
  }
}
