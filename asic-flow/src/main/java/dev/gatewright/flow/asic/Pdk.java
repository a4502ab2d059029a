package dev.gatewright.flow.asic;

import dev.gatewright.flow.FlowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A SKY130 standard-cell library in an open_pdks / volare install:
 * {@code $PDK_ROOT/sky130A/libs.ref/sky130_fd_sc_hd/lib/sky130_fd_sc_hd__tt_025C_1v80.lib}.
 */
public record Pdk(Path root, String variant, String library, String corner) {

  public static final String ENV = "PDK_ROOT";

  public Pdk {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(corner, "corner");
    root = root.toAbsolutePath().normalize();
  }

  /** {@code sky130A}, {@code sky130_fd_sc_hd}, typical corner at 25 °C and 1.80 V. */
  public static Pdk sky130Hd(Path root) {
    return new Pdk(root, "sky130A", "sky130_fd_sc_hd", "tt_025C_1v80");
  }

  /** The PDK at {@code explicitRoot}, else at {@code $PDK_ROOT}; fails if neither is given. */
  public static Pdk sky130Hd(Optional<Path> explicitRoot) {
    if (explicitRoot.isPresent()) {
      return sky130Hd(explicitRoot.get());
    }
    String env = System.getenv(ENV);
    if (env == null || env.isBlank()) {
      throw new FlowException(ENV + " is not set: point it at an open_pdks or volare install holding"
          + " sky130A/libs.ref/sky130_fd_sc_hd/lib/sky130_fd_sc_hd__tt_025C_1v80.lib");
    }
    return sky130Hd(Path.of(env));
  }

  /** The liberty file; fails naming the path it expected when it is not there. */
  public Path liberty() {
    Path lib = root.resolve(variant).resolve("libs.ref").resolve(library).resolve("lib")
        .resolve(library + "__" + corner + ".lib");
    if (!Files.isRegularFile(lib)) {
      throw new FlowException("no " + library + " liberty at " + lib + ": the PDK root " + root
          + " (from " + ENV + " or the options) must be an open_pdks or volare install with "
          + variant + "/libs.ref/" + library + "/lib/" + lib.getFileName());
    }
    return lib;
  }
}
