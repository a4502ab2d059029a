package dev.gatewright.pipeline;

import java.util.Locale;

/**
 * The factor a build's given inputs are multiplied by before the model's input stage ({@code --input-scale}),
 * for example {@code 1/255} to bring pixel bytes to [0, 1] as a model trained on such values expects. A
 * fraction {@code p/q} is applied as {@code x · p / q}, so {@code 1/255} divides by 255 with one rounding.
 */
public record InputScale(double numerator, double denominator) {

  /** No scaling. */
  public static final InputScale ONE = new InputScale(1, 1);

  public InputScale {
    if (!(numerator > 0) || !Double.isFinite(numerator) || !(denominator > 0) || !Double.isFinite(denominator)) {
      throw new BuildRequestException("--input-scale must be a positive number or fraction, not " + numerator
          + "/" + denominator);
    }
  }

  /** {@code 0.5}, {@code 2}, {@code 1/255} or {@code 1e-3}. */
  public static InputScale parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    try {
      InputScale scale = slash < 0 ? new InputScale(Double.parseDouble(t), 1)
          : new InputScale(Double.parseDouble(t.substring(0, slash)), Double.parseDouble(t.substring(slash + 1)));
      return scale;
    } catch (NumberFormatException | BuildRequestException e) {
      throw new BuildRequestException("--input-scale must be a positive number or a fraction such as 1/255, not '"
          + text + "'");
    }
  }

  public double apply(double x) {
    if (denominator == 1) {
      return x * numerator;
    }
    return numerator == 1 ? x / denominator : x * numerator / denominator;
  }

  public boolean isOne() {
    return numerator == 1 && denominator == 1;
  }

  @Override
  public String toString() {
    return denominator == 1 ? number(numerator) : number(numerator) + "/" + number(denominator);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%d", (long) v) : Double.toString(v);
  }
}
