package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.nn.Network;
import dev.gatewright.pipeline.BuildRequestException;
import dev.gatewright.pipeline.InputData;
import dev.gatewright.pipeline.InputScale;
import dev.gatewright.pipeline.ModelSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Builds a trained model or a network file, optionally checking the hardware on the user's inputs and labels. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a trained model (.onnx, .h5, Keras .json) or a network file (gatewright-network/1 .json):"
        + " SystemVerilog, verification against the golden model (and the model's reference executor), cost and"
        + " synthesis; with --inputs or --mnist the hardware also runs on those inputs, and with --labels the"
        + " accuracy is reported.")
final class BuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL|NETWORK.json",
      description = "A model to import (.onnx, .h5, or a Keras .json beside its weights) or a network file.")
  Path file;

  @Option(names = "--precision", paramLabel = "FILE",
      description = "Precisions for a model's float parts: an hls4ml configuration (YAML or JSON).")
  Path precision;

  @ArgGroup(exclusive = true)
  Inputs inputs;

  /** The inputs are a .npy array or MNIST-style IDX images; one of the two. */
  static final class Inputs {
    @Option(names = "--inputs", paramLabel = "X.npy", required = true,
        description = "Inputs to run through the hardware: a .npy array (or IDX file), one sample per row.")
    Path npy;

    @Option(names = "--mnist", paramLabel = "IMAGES-IDX", required = true,
        description = "MNIST images to run through the hardware: an IDX file, gzipped or not.")
    Path idx;

    Path file() {
      return npy != null ? npy : idx;
    }
  }

  @Option(names = "--labels", paramLabel = "Y.npy|LABELS-IDX",
      description = "The class of each input (.npy class numbers or one-hot rows, or an IDX labels file): prints"
          + " the accuracy.")
  Path labels;

  @Option(names = "--input-scale", paramLabel = "F",
      description = "Multiply the inputs by F before the model's input quantizer, e.g. 1/255 (default: 1).")
  String inputScale;

  @Mixin
  NetworkJobOptions job = new NetworkJobOptions();

  @Mixin
  DataflowOptions dataflow = new DataflowOptions();

  @Override
  public Integer call() {
    if (inputs == null && labels != null) {
      throw new ParameterException(spec.commandLine(), "--labels needs the inputs they label: --inputs or --mnist");
    }
    if (inputs == null && inputScale != null) {
      throw new ParameterException(spec.commandLine(), "--input-scale scales given inputs: add --inputs or --mnist");
    }
    if (dataflow.dataflow()) {
      if (inputs != null) {
        throw new ParameterException(spec.commandLine(), "--architecture dataflow verifies on its own random and "
            + "corner frames; --inputs/--mnist are for the default architecture (bench dataflow runs MNIST digits)");
      }
      ModelSource source;
      try {
        source = ModelSource.read(file, precision);
      } catch (FlowException | BuildRequestException | IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      return DataflowBuildRun.run(spec.commandLine(), source, dataflow, job, System.out);
    }
    return NetworkBuildRun.run(spec.commandLine(), () -> ModelSource.read(file, precision),
        () -> inputs == null ? null : InputData.read(inputs.file(),
            inputScale == null ? InputScale.ONE : InputScale.parse(inputScale), labels), job, System.out);
  }
}
