package dev.gatewright.nn;

/**
 * The shape of an image-like tensor between layers: {@code height × width × channels}, flattened
 * channels-last (row-major over height, then width, then channel), as the dataflow architecture streams
 * it. A one-dimensional sequence has height 1.
 */
public record FeatureMap(int height, int width, int channels) {

  public FeatureMap {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("a feature map needs at least 1 x 1 x 1, not " + height + " x " + width + " x "
          + channels);
    }
    if ((long) height * width * channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("feature map " + height + " x " + width + " x " + channels + " is too large");
    }
  }

  /** Values in the map. */
  public int size() {
    return height * width * channels;
  }

  /** Pixels (positions) in the map. */
  public int pixels() {
    return height * width;
  }

  /** The flat index of channel {@code c} at row {@code y}, column {@code x}. */
  public int index(int y, int x, int c) {
    return (y * width + x) * channels + c;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
