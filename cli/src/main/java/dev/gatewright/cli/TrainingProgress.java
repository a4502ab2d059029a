package dev.gatewright.cli;

import dev.gatewright.nn.train.Trainer;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over training steps (on stderr) and one line per epoch (on {@code out}). */
final class TrainingProgress implements Trainer.Listener, AutoCloseable {

  private final String task;
  private final PrintStream out;
  private ProgressBar bar;

  TrainingProgress(String task, PrintStream out) {
    this.task = task;
    this.out = out;
  }

  @Override
  public void started(long totalSteps) {
    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).setUnit(" steps", 1)
        .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(110).setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }

  @Override
  public void step(long step) {
    bar.stepTo(step);
  }

  @Override
  public void epoch(Trainer.Epoch e) {
    bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d: loss %.3f, test %.1f %%", e.epoch(), e.loss(),
        100 * e.testAccuracy()));
    out.printf(Locale.ROOT, "epoch %3d: loss %.4f, train accuracy %.2f %%, test accuracy %.2f %% (%s), sparsity %.1f %%,"
        + " %.1f s%n", e.epoch(), e.loss(), 100 * e.trainAccuracy(), 100 * e.testAccuracy(),
        e.quantized() ? "integer model" : "float model", 100 * e.sparsity(), e.seconds());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
