package dev.gatewright.nn.train.sweep;

import dev.gatewright.nn.train.Schedule;
import java.util.Locale;

/**
 * One design point of a sweep: bit width (weights and activations), target sparsity, schedule, reuse
 * factor, fan-in limit and training fault rate. {@link #id} names its folder and is stable across runs, so
 * a resumed sweep recognises finished points.
 */
public record SweepPoint(int index, int bits, double sparsity, Schedule schedule, int reuse, int fanIn,
    double faultRate) {

  public String id() {
    return String.format(Locale.ROOT, "b%d-s%.2f-%s-r%d-k%d-f%s", bits, sparsity, schedule.label(), reuse, fanIn,
        faultRate == 0 ? "0" : String.format(Locale.ROOT, "%.0e", faultRate));
  }

  @Override
  public String toString() {
    return "point " + index + " (" + id() + ")";
  }
}
