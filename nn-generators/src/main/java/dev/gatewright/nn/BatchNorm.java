package dev.gatewright.nn;

import java.util.Objects;

/**
 * A batch normalization, {@code y = (x − mean) · gamma / sqrt(variance + epsilon) + beta} per channel.
 * It is never hardware: {@link Network.Builder#batchNorm} folds it into the dense layer before it
 * ({@link Dense.Builder#foldBatchNorm}).
 */
public record BatchNorm(double[] gamma, double[] beta, double[] mean, double[] variance, double epsilon) {

  public BatchNorm {
    Objects.requireNonNull(gamma, "gamma");
    Objects.requireNonNull(beta, "beta");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(variance, "variance");
    int n = gamma.length;
    if (beta.length != n || mean.length != n || variance.length != n) {
      throw new IllegalArgumentException("batch norm vectors differ in length: gamma " + n + ", beta "
          + beta.length + ", mean " + mean.length + ", variance " + variance.length);
    }
    if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("batch norm epsilon must be finite and >= 0, not " + epsilon);
    }
    for (int i = 0; i < n; i++) {
      if (!(variance[i] + epsilon > 0)) {
        throw new IllegalArgumentException("batch norm variance[" + i + "] + epsilon must be > 0, not "
            + (variance[i] + epsilon));
      }
    }
    gamma = gamma.clone();
    beta = beta.clone();
    mean = mean.clone();
    variance = variance.clone();
  }

  /** Keras's default epsilon. */
  public static final double DEFAULT_EPSILON = 1e-3;

  public int size() {
    return gamma.length;
  }

  /** {@code gamma / sqrt(variance + epsilon)} of channel {@code i}. */
  public double scale(int i) {
    return gamma[i] / Math.sqrt(variance[i] + epsilon);
  }

  @Override
  public double[] gamma() {
    return gamma.clone();
  }

  @Override
  public double[] beta() {
    return beta.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] variance() {
    return variance.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchNorm b && java.util.Arrays.equals(gamma, b.gamma) && java.util.Arrays.equals(beta, b.beta)
        && java.util.Arrays.equals(mean, b.mean) && java.util.Arrays.equals(variance, b.variance)
        && Double.compare(epsilon, b.epsilon) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(gamma) * 31 + java.util.Arrays.hashCode(mean);
  }
}
