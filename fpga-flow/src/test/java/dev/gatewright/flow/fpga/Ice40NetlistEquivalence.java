package dev.gatewright.flow.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Proves with Yosys' SAT solver (a miter, by induction) that two iCE40 netlists of one design
 * compute the same outputs from the same inputs and a zero initial state.
 *
 * <p>The iCE40 cells are mapped to logic by models written here: Yosys' own {@code cells_sim.v} takes
 * over a minute to elaborate, and a parameterized cell needs its truth table, which only a techmap
 * (not a flatten of an unparameterized model) passes on.
 */
final class Ice40NetlistEquivalence {

  private static final String MODELS = String.join("\n",
      "module SB_LUT4 (output O, input I0, input I1, input I2, input I3);",
      "  parameter [15:0] LUT_INIT = 16'h0000;",
      "  assign O = LUT_INIT[{I3, I2, I1, I0}];",
      "endmodule",
      "module SB_CARRY (output CO, input I0, input I1, input CI);",
      "  assign CO = (I0 & I1) | ((I0 | I1) & CI);",
      "endmodule",
      "module SB_DFF (output Q, input C, input D);",
      "  \\$_DFF_P_ _TECHMAP_REPLACE_ (.C(C), .D(D), .Q(Q));",
      "endmodule",
      "module SB_DFFE (output Q, input C, input E, input D);",
      "  \\$_DFFE_PP_ _TECHMAP_REPLACE_ (.C(C), .E(E), .D(D), .Q(Q));",
      "endmodule",
      "");
  private static final Set<String> MODELLED = Set.of("SB_LUT4", "SB_CARRY", "SB_DFF", "SB_DFFE");

  private Ice40NetlistEquivalence() {}

  /** Fails with Yosys' log unless {@code gate} computes what {@code gold} computes. */
  static void assertEquivalent(Path gold, Path gate, Path folder) {
    String top = checkedTop(gold);
    checkedTop(gate);
    AtomicFiles.writeString(folder.resolve("models.v"), MODELS);
    AtomicFiles.writeString(folder.resolve("equiv.ys"), String.join("\n",
        "read_json " + gold.toAbsolutePath(),
        "rename " + top + " gold",
        "delete =A:blackbox",
        "read_json " + gate.toAbsolutePath(),
        "rename " + top + " gate",
        "delete =A:blackbox",
        "techmap -map models.v gold gate",
        "opt_clean gold gate",
        "miter -equiv -flatten -make_outputs gold gate miter",
        "hierarchy -top miter",
        "sat -verify -prove trigger 0 -tempinduct -set-init-zero miter",
        ""));
    ToolRunner.of(Tool.YOSYS).in(folder).timeout(Duration.ofMinutes(2)).log(folder.resolve("equiv.log"))
        .run("-s", "equiv.ys").requireSuccess();
  }

  /** The top module's name, after checking that every cell it uses has a model here. */
  private static String checkedTop(Path json) {
    JsonNode modules;
    try {
      modules = new ObjectMapper().readTree(json.toFile()).path("modules");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = modules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> module = it.next();
      if (module.getValue().path("attributes").has("top")) {
        module.getValue().path("cells").elements().forEachRemaining(cell -> {
          String type = cell.path("type").asText();
          if (!MODELLED.contains(type)) {
            throw new AssertionError(json + " uses " + type + ", which has no model here; add one to MODELS");
          }
        });
        return module.getKey();
      }
    }
    throw new AssertionError("no top module in " + json);
  }
}
