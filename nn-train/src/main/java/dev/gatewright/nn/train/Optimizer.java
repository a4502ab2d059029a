package dev.gatewright.nn.train;

/**
 * How gradients update parameters. Both keep their state per parameter array ({@link Step}); the update
 * of one array depends only on its own gradient and state, so it is the same whatever the thread count.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam {

  double learningRate();

  /** A fresh state for a parameter array of {@code size}. */
  Step state(int size);

  /** Stochastic gradient descent with (heavy-ball) momentum; momentum 0 is plain SGD. */
  record Sgd(double learningRate, double momentum) implements Optimizer {
    public Sgd {
      checkRate(learningRate);
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("SGD momentum must be in [0, 1), not " + momentum);
      }
    }

    @Override
    public Step state(int size) {
      float[] velocity = new float[size];
      return (params, grad, step, rate) -> {
        float mu = (float) momentum;
        float lr = (float) rate;
        for (int i = 0; i < params.length; i++) {
          velocity[i] = mu * velocity[i] + grad[i];
          params[i] -= lr * velocity[i];
        }
      };
    }
  }

  /** Adam (Kingma and Ba 2015) with bias correction. */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
    public Adam {
      checkRate(learningRate);
      if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
        throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0");
      }
    }

    /** Adam with the usual constants (0.9, 0.999, 1e-8). */
    public static Adam of(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    @Override
    public Step state(int size) {
      float[] m = new float[size];
      float[] v = new float[size];
      return (params, grad, step, rate) -> {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        float alpha = (float) (rate * Math.sqrt(c2) / c1);
        float eps = (float) (epsilon * Math.sqrt(c2));
        for (int i = 0; i < params.length; i++) {
          float g = grad[i];
          m[i] = b1 * m[i] + (1 - b1) * g;
          v[i] = b2 * v[i] + (1 - b2) * g * g;
          params[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + eps);
        }
      };
    }
  }

  /** Updates one parameter array in place; {@code step} counts from 1, {@code rate} is this step's rate. */
  interface Step {
    void apply(float[] params, float[] grad, long step, double rate);
  }

  private static void checkRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("the learning rate must be > 0, not " + rate);
    }
  }
}
