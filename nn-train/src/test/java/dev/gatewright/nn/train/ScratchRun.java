package dev.gatewright.nn.train;

import org.junit.jupiter.api.Test;

class ScratchRun {
  @Test
  void run() {
    Dataset.Split s = Mnist.split();
    String[] specs = System.getProperty("specs", "8:QAT:0,4:QAT:0,4:PRUNE_THEN_QAT:0").split(",");
    for (String spec : specs) {
      String[] p = spec.split(":");
      TrainConfig c = TrainConfig.builder(784, 64, 64, 64, 10).bits(Integer.parseInt(p[0]))
          .schedule(Schedule.valueOf(p[1]), Double.parseDouble(p[2])).epochs(
          Integer.getInteger("epochs", 3)).threads(2).batchSize(Integer.getInteger("batch", 128))
          .optimizer(Optimizer.Adam.of(Double.parseDouble(System.getProperty("lr", "1e-3")))).build();
      Trainer.Result r = new Trainer(c).train(s.train(), s.test(), new Trainer.Listener() {
        @Override
        public void epoch(Trainer.Epoch e) {
          System.out.println(e);
        }
      });
      Mlp m = r.model();
      System.out.println(spec + " samples/s " + r.samplesPerSecond() + " acc " + r.testAccuracy() + " wf "
          + java.util.Arrays.toString(m.weightFraction) + " af " + java.util.Arrays.toString(m.activationFraction));
    }
  }
}
