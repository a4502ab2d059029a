package dev.gatewright.cli;

import static dev.gatewright.hdl.Hdl.sfix;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.asic.OpenLaneConfig;
import dev.gatewright.flow.asic.OpenLaneConfigs;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MacArray;
import dev.gatewright.nn.hw.NetworkGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Regenerates the OpenLane configurations checked in under {@code openlane-configs/}: the demo
 * jet-tagging MLP (6-bit weights, 50 % pruned, reuse 1, CSD shift-add multipliers) and an 8x8
 * parallel MAC array. With {@code --check} it writes nothing and fails when the folder is stale.
 */
@Command(name = "openlane-configs", mixinStandardHelpOptions = true,
    description = "Regenerate the checked-in OpenLane configs (run from the project root).")
final class OpenLaneConfigsCommand implements Callable<Integer> {

  /** The designs whose configs are checked in, by folder name. */
  static final List<OpenLaneConfigs.Entry> CHECKED_IN = List.of(
      new OpenLaneConfigs.Entry("jet_tagger_mlp", scratch -> config(
          new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED), DenseOptions.defaults()).build().module(),
          scratch, 10)),
      new OpenLaneConfigs.Entry("mac_array_8x8", scratch -> config(
          MacArray.parallel(8, 8, sfix(8, 6), sfix(8, 6)).build(), scratch, 10)));

  /** The checked-in folder, relative to the project root; the default of {@code --out}. */
  static final Path CHECKED_IN_FOLDER = Path.of("openlane-configs");

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Configs folder (default: openlane-configs of the project root, which must be the current folder).")
  Path out;

  @Option(names = "--check", description = "Write nothing; list what is stale and exit with 1 if anything is.")
  boolean check;

  @Override
  public Integer call() {
    if (out == null) {
      if (!Files.isRegularFile(CHECKED_IN_FOLDER.resolve("README.md"))) {
        throw new ParameterException(spec.commandLine(), "no " + CHECKED_IN_FOLDER + "/README.md in "
            + Path.of("").toAbsolutePath() + ": run this from the gatewright project root, or give --out DIR"
            + " to write the configs elsewhere");
      }
      out = CHECKED_IN_FOLDER;
    } else if (out.toString().isBlank()) {
      throw new ParameterException(spec.commandLine(), "--out must name a folder, not an empty string");
    }
    if (check) {
      List<String> stale = OpenLaneConfigs.differences(out, CHECKED_IN);
      stale.forEach(line -> System.out.println(out.resolve(line)));
      System.out.println(stale.isEmpty() ? out + " is up to date"
          : stale.size() + " file(s) stale; run 'gatewright openlane-configs' to regenerate");
      return stale.isEmpty() ? 0 : 1;
    }
    for (Path folder : OpenLaneConfigs.regenerate(out, CHECKED_IN)) {
      System.out.println("wrote " + folder.resolve(OpenLaneConfig.FILE));
    }
    return 0;
  }

  private static OpenLaneConfig config(Component<?> design, Path scratch, double clockPeriodNs) {
    EmittedDesign emitted = SystemVerilog.write(design, scratch);
    DesignFiles files = DesignFiles.fromFileList(scratch.resolve(emitted.fileListName()), emitted.top());
    return OpenLaneConfig.builder(files).clockPeriodNs(clockPeriodNs).build();
  }
}
