package dev.gatewright.sim.verilator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A built design: the shared library in the cache that {@link VerilatorSimulator#open} loads.
 *
 * @param key the SHA-256 cache key (hex) of sources, ABI, flags and tool versions
 * @param cacheHit whether the library was already in the cache (nothing was compiled)
 * @param elapsed how long {@link VerilatorBuild#build} took, lookup or compilation
 */
public record VerilatorLibrary(NativeDesign design, VerilatorOptions options, Path sharedLibrary, String key,
    boolean cacheHit, Duration elapsed) {

  /** The cache entry's folder: the library, the generated {@code abi.cpp}, build logs. */
  public Path directory() {
    return sharedLibrary.getParent();
  }
}
