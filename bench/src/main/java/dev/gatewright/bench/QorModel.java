package dev.gatewright.bench;

import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.imports.ModelImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A network the quality-of-results benchmark builds: {@code id} names its rows, {@code source} says
 * where it came from.
 */
public record QorModel(String id, String source, Network network) {

  /** The models {@code bench qor --model} knows by name. */
  public static final List<String> KNOWN = List.of("jet", "tfc", "hgq", "demo");

  /**
   * The model {@code id} with the shared models under {@code models} ({@code ../shared/data/models}):
   * {@code jet} the trained QKeras jet tagger (QONNX model zoo), {@code tfc} FINN's TFC-w1a1 MNIST net,
   * {@code hgq} the HGQ jet classifier from hls4ml's examples, {@code demo} the random-weight jet MLP
   * of {@code gatewright demo} (6-bit weights, half pruned, 16-bit activations).
   */
  public static QorModel known(String id, Path models) {
    return switch (id.toLowerCase(Locale.ROOT)) {
      case "jet" -> imported("jet", models.resolve("qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx"));
      case "tfc" -> imported("tfc", models.resolve("finn_tfc_w1a1/model.onnx"));
      case "hgq" -> imported("hgq", models.resolve("hls4ml_example_models/keras/hgq_jet_classifier.h5"));
      case "demo" -> new QorModel("demo", "JetTagger.network(" + JetTagger.DEMO_WEIGHT_SEED + ")",
          JetTagger.network(JetTagger.DEMO_WEIGHT_SEED));
      default -> throw new IllegalArgumentException("--model: unknown model '" + id + "'; expected one of " + KNOWN
          + " or a file given with --network");
    };
  }

  /**
   * A network file: {@code gatewright-network/1} JSON ({@code .json} with that format), else a trained
   * model the importer reads ({@code .onnx}, {@code .h5}, a Keras {@code .json}).
   */
  public static QorModel file(Path file) {
    String name = file.getFileName().toString();
    String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    if (name.endsWith(".json") && Files.isRegularFile(file)) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read --network " + file, e);
      }
      if (text.contains("gatewright-network/")) {
        return new QorModel(id, file.toString(), NetworkJson.read(text));
      }
    }
    return imported(id, file);
  }

  private static QorModel imported(String id, Path file) {
    return new QorModel(id, file.toString(), ModelImport.read(file).network());
  }
}
