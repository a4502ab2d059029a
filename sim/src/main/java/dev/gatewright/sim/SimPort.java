package dev.gatewright.sim;

/** A port as a simulator sees it: plain bits, in or out. */
public record SimPort(String name, int width, boolean input) {

  /** 64-bit slots this port takes in a batch frame. */
  public int slots() {
    return (width + 63) / 64;
  }
}
