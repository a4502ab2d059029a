package dev.gatewright.cli;

import dev.gatewright.nn.exports.ExportException;
import dev.gatewright.nn.exports.QonnxExport;
import dev.gatewright.pipeline.BuildRequestException;
import dev.gatewright.pipeline.ModelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a network (or an imported model's network) as a QONNX model that computes exactly its golden model. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a network file (gatewright-network/1) or a model's imported network as a QONNX model"
        + " (.onnx) that computes exactly what the network's golden model computes, for FINN, hls4ml and the"
        + " QONNX tools; what has no exact QONNX form is refused, naming the layer.")
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NETWORK.json|MODEL", description = "The network file, or a model to import.")
  Path file;

  @Option(names = "--precision", paramLabel = "FILE",
      description = "Precisions for a model's float parts: an hls4ml configuration (YAML or JSON).")
  Path precision;

  @Option(names = "--out", paramLabel = "MODEL.onnx", required = true, description = "Where to write the QONNX model.")
  Path out;

  @Override
  public Integer call() {
    ModelSource source;
    try {
      source = ModelSource.read(file, precision);
    } catch (BuildRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<String> notes;
    try {
      notes = QonnxExport.write(source.network(), out);
    } catch (ExportException e) {
      System.err.println("gatewright export: network " + source.network().name() + " has no exact QONNX form: "
          + e.getMessage());
      return 2;
    }
    notes.forEach(note -> System.out.println("note: " + note));
    System.out.println("wrote " + out + " (QONNX): network " + source.network().name() + ", "
        + source.network().layers().size() + " layers");
    return 0;
  }
}
