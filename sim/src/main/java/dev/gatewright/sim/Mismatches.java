package dev.gatewright.sim;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.ir.Port;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Turns what a run found into the exception and message a user reads. */
final class Mismatches {

  private Mismatches() {}

  static CoSimulationMismatch describe(Scoreboard.Mismatch mismatch, Engine engine, DesignPorts<?> ports, Path vcd) {
    String design = ports.design().name();
    HdlType<?> type = ports.design().port(mismatch.port()).map(Port::type).orElse(null);
    StringBuilder text = new StringBuilder();
    text.append(design).append(" differs from its golden model on the ").append(engine.name().toLowerCase(Locale.ROOT))
        .append(" engine at cycle ").append(mismatch.cycle()).append(", output '").append(mismatch.port()).append("'");
    if (mismatch.problem() != null) {
      text.append(": ").append(mismatch.problem());
    }
    if (mismatch.expected() != null) {
      text.append("\n  expected ").append(DesignPorts.format(mismatch.expected(), type));
    }
    if (mismatch.actual() != null) {
      text.append("\n  actual   ").append(DesignPorts.format(mismatch.actual(), type));
    }
    Scoreboard.Pending input = mismatch.input();
    Map<String, java.math.BigInteger> inputs = input == null ? Map.of() : input.inputs().byName();
    if (input != null) {
      text.append(String.format(Locale.ROOT, "\n  inputs (vector #%,d, taken at cycle %,d):", input.index(),
          input.cycle()));
      inputs.forEach((name, value) -> text.append("\n    ").append(name).append(" = ")
          .append(DesignPorts.format(value, ports.design().port(name).map(Port::type).orElse(null))));
    }
    if (vcd != null) {
      text.append("\n  waveform of the failing window: ").append(vcd.toAbsolutePath());
    }
    return new CoSimulationMismatch(text.toString(), design, engine, mismatch.cycle(), mismatch.port(), type,
        mismatch.expected(), mismatch.actual(), inputs, input == null ? -1 : input.index(), vcd);
  }
}
