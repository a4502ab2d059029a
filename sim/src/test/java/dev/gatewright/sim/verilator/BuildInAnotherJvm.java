package dev.gatewright.sim.verilator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A second JVM for {@link VerilatorBuildTest}: announces itself ready, waits for the go file, builds the
 * comb design from the given source and prints whether it was a cache hit.
 *
 * <p>Arguments: source, ready file, go file.
 */
public final class BuildInAnotherJvm {

  private BuildInAnotherJvm() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Files.writeString(Path.of(args[1]), "ready");
    Path go = Path.of(args[2]);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no go file after 60 s");
      }
      Thread.sleep(5);
    }
    NativeDesign design = NativeDesign.of("comb", List.of(source), TestDesigns.comb().ports());
    VerilatorLibrary library = VerilatorBuild.withDefaultCache().build(design);
    System.out.println("library=" + library.sharedLibrary());
    System.out.println("cacheHit=" + library.cacheHit());
  }
}
