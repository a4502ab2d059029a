package dev.gatewright.flow;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes a Yosys script into a run folder and runs it there, logging to {@code <name>.log}. */
public final class Yosys {

  private Yosys() {}

  /**
   * Runs {@code script} (written as {@code <name>.ys}) in {@code folder}; fails with the end of the
   * log unless Yosys succeeds.
   */
  public static ToolResult run(Path folder, String name, String script, Duration timeout) {
    AtomicFiles.writeString(folder.resolve(name + ".ys"), script);
    return ToolRunner.of(Tool.YOSYS).in(folder).timeout(timeout).log(folder.resolve(name + ".log"))
        .run("-s", name + ".ys").requireSuccess();
  }

  private static volatile String version;

  /** What {@code yosys -V} prints, asked once per JVM (a cache key must change with the tool). */
  public static String version() {
    String known = version;
    if (known == null) {
      known = ToolRunner.of(Tool.YOSYS).timeout(Duration.ofMinutes(1)).run("-V").requireSuccess().output().strip()
          + " " + Tool.YOSYS.require();
      version = known;
    }
    return known;
  }

  /** {@code read_verilog -sv} lines for sources copied into the {@code src} subfolder. */
  public static String readSources(List<String> sources) {
    StringBuilder script = new StringBuilder();
    for (String source : sources) {
      script.append("read_verilog -sv ").append(quote("src/" + source)).append('\n');
    }
    return script.toString();
  }

  /** Quotes a file name for a Yosys script. */
  public static String quote(String file) {
    if (file.contains("\"") || file.contains("\n")) {
      throw new FlowException("file name not usable in a Yosys script: " + file);
    }
    return file.matches("[A-Za-z0-9_./+-]+") ? file : "\"" + file + "\"";
  }
}
