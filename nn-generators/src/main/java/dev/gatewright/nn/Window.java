package dev.gatewright.nn;

/**
 * How a kernel slides over a {@link FeatureMap}: its size, its stride and the padding on each side
 * (dilation 1). Output positions are {@code floor((size + pads − kernel) / stride) + 1} along each axis,
 * as ONNX computes them without {@code ceil_mode}. Padding is smaller than the kernel on every side, so
 * that every window holds at least one value of the map.
 */
public record Window(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft,
    int padBottom, int padRight) {

  public Window {
    if (kernelHeight < 1 || kernelWidth < 1) {
      throw new IllegalArgumentException("a kernel needs at least 1 x 1, not " + kernelHeight + " x " + kernelWidth);
    }
    if (strideHeight < 1 || strideWidth < 1) {
      throw new IllegalArgumentException("strides must be at least 1, not " + strideHeight + " x " + strideWidth);
    }
    if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
      throw new IllegalArgumentException("padding must not be negative: " + padTop + ", " + padLeft + ", " + padBottom
          + ", " + padRight);
    }
    if (padTop >= kernelHeight || padBottom >= kernelHeight || padLeft >= kernelWidth || padRight >= kernelWidth) {
      throw new IllegalArgumentException("padding (top " + padTop + ", left " + padLeft + ", bottom " + padBottom
          + ", right " + padRight + ") must be smaller than the kernel " + kernelHeight + " x " + kernelWidth);
    }
  }

  /** A square kernel with equal strides and no padding. */
  public static Window of(int kernel, int stride) {
    return new Window(kernel, kernel, stride, stride, 0, 0, 0, 0);
  }

  /** Values in one window of a map with {@code channels} channels. */
  public int size(int channels) {
    return kernelHeight * kernelWidth * channels;
  }

  /** The output rows for {@code input}; fails when the kernel does not fit the padded map. */
  public int outputHeight(FeatureMap input) {
    return positions(input.height() + padTop + padBottom, kernelHeight, strideHeight, "height");
  }

  public int outputWidth(FeatureMap input) {
    return positions(input.width() + padLeft + padRight, kernelWidth, strideWidth, "width");
  }

  /** The map this window makes of {@code input}, with {@code channels} output channels. */
  public FeatureMap output(FeatureMap input, int channels) {
    return new FeatureMap(outputHeight(input), outputWidth(input), channels);
  }

  public boolean padded() {
    return padTop + padLeft + padBottom + padRight > 0;
  }

  private static int positions(int padded, int kernel, int stride, String axis) {
    if (padded < kernel) {
      throw new IllegalArgumentException("the kernel's " + axis + " " + kernel + " exceeds the padded map's " + padded);
    }
    return (padded - kernel) / stride + 1;
  }

  @Override
  public String toString() {
    return kernelHeight + "x" + kernelWidth + " stride " + strideHeight + "x" + strideWidth
        + (padded() ? " pad " + padTop + "," + padLeft + "," + padBottom + "," + padRight : "");
  }
}
