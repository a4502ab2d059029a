package dev.gatewright.cli;

import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.ImportedModel;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.imports.PrecisionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports a trained model as a bit-exact integer network and writes it as gatewright-network/1 JSON. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a trained ONNX/QONNX (.onnx) or Keras/QKeras (.h5, .json) model as a bit-exact integer"
        + " network and write it in the gatewright-network/1 format.")
final class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model: .onnx, .h5, or a Keras .json beside its"
      + " <name>_weights.h5.")
  Path model;

  @Option(names = "--precision", paramLabel = "FILE",
      description = "Precisions for the model's float parts: an hls4ml configuration (YAML or JSON).")
  Path precision;

  @Option(names = "--out", paramLabel = "network.json", required = true, description = "Where to write the network.")
  Path out;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    ImportedModel imported;
    try {
      imported = ModelImport.read(model, precision == null ? PrecisionConfig.defaults() : PrecisionConfig.read(precision));
    } catch (ImportException | IllegalArgumentException e) {
      System.err.println("gatewright import: " + e.getMessage());
      return 2;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    // written next to the target and moved into place, so a failure never leaves half a file
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".import", ".json");
    try {
      NetworkJson.write(imported.network(), temporary);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    System.out.println("imported " + model + " in " + ms + " ms");
    System.out.println(imported.network());
    for (String note : imported.notes()) {
      System.out.println("  - " + note);
    }
    if (!imported.output().isIdentity()) {
      System.out.println("note: the model's outputs are the network's outputs times a scale plus an offset"
          + " (kept outside the hardware); classes are the same");
    }
    System.out.print(CostReport.of(imported.network()));
    System.out.println("wrote " + out);
    return 0;
  }
}
