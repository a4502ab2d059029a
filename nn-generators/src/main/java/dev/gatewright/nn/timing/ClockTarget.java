package dev.gatewright.nn.timing;

import java.util.Locale;
import java.util.Objects;

/** A clock to pipeline for: a target's delay model and a frequency. */
public record ClockTarget(DelayModel model, double mhz) {

  public ClockTarget {
    Objects.requireNonNull(model, "model");
    if (!(mhz > 0) || Double.isInfinite(mhz)) {
      throw new IllegalArgumentException("the clock must be a positive number of MHz, not " + mhz);
    }
  }

  /** {@code mhz} on target {@code target} ({@code xc7}, {@code ice40}, {@code sky130}). */
  public static ClockTarget of(String target, double mhz) {
    return new ClockTarget(DelayModel.of(target), mhz);
  }

  public double periodNs() {
    return 1000.0 / mhz;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s at %.1f MHz", model.name(), mhz);
  }
}
