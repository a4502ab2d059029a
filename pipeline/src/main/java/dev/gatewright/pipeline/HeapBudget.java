package dev.gatewright.pipeline;

import java.util.Locale;

/**
 * How big a design this JVM can build: about {@value #BYTES_PER_IR_NODE} bytes of heap per IR node
 * through elaboration, SystemVerilog emission and simulation on the Java engine (measured: 0.7 to 1.6
 * kB per node on dense layers and MAC grids), within {@value #USABLE_PERCENT} % of the maximum heap.
 */
public final class HeapBudget {

  public static final long BYTES_PER_IR_NODE = 2_000;
  static final int USABLE_PERCENT = 80;

  private HeapBudget() {}

  /** The most IR nodes a design may have to be built here. */
  public static long maxIrNodes() {
    return Runtime.getRuntime().maxMemory() / 100 * USABLE_PERCENT / BYTES_PER_IR_NODE;
  }

  /** "this JVM may use at most 5.9 GB of heap". */
  public static String describeLimit() {
    return "this JVM may use at most " + format(Runtime.getRuntime().maxMemory()) + " of heap";
  }

  /** How to give gatewright more memory. */
  public static String advice() {
    return "give the JVM more heap (java -Xmx; for ./gatewright, GATEWRIGHT_JAVA_OPTS=-Xmx16g for example)";
  }

  /** Bytes as "850 MB" or "5.9 GB". */
  public static String format(long bytes) {
    double mb = bytes / 1e6;
    return mb < 1000 ? String.format(Locale.ROOT, "%.0f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1000);
  }
}
