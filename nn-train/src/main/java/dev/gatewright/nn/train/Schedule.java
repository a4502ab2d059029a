package dev.gatewright.nn.train;

import java.util.Locale;

/**
 * When quantization and pruning happen over a training run:
 * <ul>
 *   <li>{@link #QAT}: quantized from the first step, no pruning (sparsity must be 0);</li>
 *   <li>{@link #QAP}: quantization-aware pruning (Hawks et al. 2021): quantized from the first step, weights
 *       pruned by magnitude while training, the sparsity rising on a polynomial schedule;</li>
 *   <li>{@link #QAT_THEN_PRUNE}: quantized training without pruning, then one magnitude pruning to the target
 *       after the last step, without retraining (post-training pruning);</li>
 *   <li>{@link #PRUNE_THEN_QAT}: the first half of the epochs in floating point with the polynomial pruning
 *       schedule, the second half quantized with the masks fixed.</li>
 * </ul>
 */
public enum Schedule {
  QAT, QAP, QAT_THEN_PRUNE, PRUNE_THEN_QAT;

  /** The command-line spelling: {@code qat}, {@code qap}, {@code qat-then-prune}, {@code prune-then-qat}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #label()} (or the enum name, any case). */
  public static Schedule parse(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Schedule s : values()) {
      if (s.name().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown schedule \"" + text + "\" (expected qat, qap, qat-then-prune or "
        + "prune-then-qat)");
  }

  @Override
  public String toString() {
    return label();
  }
}
