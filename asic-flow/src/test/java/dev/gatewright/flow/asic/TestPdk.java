package dev.gatewright.flow.asic;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The SKY130 data the tests use: {@code PDK_ROOT} when it is set, else {@code ../shared/data/pdk}
 * relative to the project root (the folder above this module).
 */
final class TestPdk {

  private TestPdk() {}

  static Path root() {
    String env = System.getenv(Pdk.ENV);
    Path root = env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of("").toAbsolutePath().getParent().resolve("../shared/data/pdk").normalize();
    Path lib = root.resolve("sky130A/libs.ref/sky130_fd_sc_hd/lib/sky130_fd_sc_hd__tt_025C_1v80.lib");
    Assumptions.assumeTrue(Files.isRegularFile(lib), "no SKY130 liberty at " + lib);
    return root;
  }
}
