package dev.gatewright.cli;

import dev.gatewright.flow.asic.OpenLaneConfigs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates the OpenLane configurations checked in under {@code openlane-configs/}. */
@Command(name = "openlane-configs", mixinStandardHelpOptions = true,
    description = "Regenerate the checked-in OpenLane configs (run from the project root).")
final class OpenLaneConfigsCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Configs folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("openlane-configs");

  @Override
  public Integer call() {
    OpenLaneConfigs.main(new String[] {out.toString()});
    return 0;
  }
}
