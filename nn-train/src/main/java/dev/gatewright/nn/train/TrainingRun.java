package dev.gatewright.nn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.FaultModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatewright.tool.AtomicFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * One training run end to end: train, measure the integer model's test accuracy, export the network, cost
 * it, and optionally evaluate it under faults. {@link #write} puts the network and a report into a folder.
 */
public record TrainingRun(String name, TrainConfig config, Trainer.Result result, Network network, CostReport cost,
    List<FaultEvaluation.Point> faultAccuracy, double seconds) {

  /** Trains {@code config} on {@code split}, exports the network as {@code name}, evaluates faults at {@code rates}. */
  public static TrainingRun run(String name, TrainConfig config, Dataset.Split split, Trainer.Listener listener,
      List<Double> faultRates, int faultTrials) {
    long start = System.nanoTime();
    Trainer.Result result = new Trainer(config).train(split.train(), split.test(), listener);
    Network network = NetworkExport.of(result.model(), name);
    List<FaultEvaluation.Point> faults = faultRates.isEmpty() ? List.of()
        : FaultEvaluation.run(result.model(), split.test(), FaultModel.Kind.BIT_FLIP, faultRates, faultTrials,
            config.seed());
    return new TrainingRun(name, config, result, network, CostReport.of(network), faults,
        (System.nanoTime() - start) / 1e9);
  }

  public double testAccuracy() {
    return result.testAccuracy();
  }

  /** The report as JSON: config, per-layer precision and sparsity, cost, accuracy, history, faults. */
  public ObjectNode report() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("name", name);
    ObjectNode c = root.putObject("config");
    ArrayNode widths = c.putArray("layers");
    for (int w : config.widths()) {
      widths.add(w);
    }
    c.put("schedule", config.schedule().label());
    c.put("sparsity", config.sparsity());
    c.put("fanIn", config.fanIn());
    c.put("optimizer", config.optimizer().toString());
    c.put("batchSize", config.batchSize());
    c.put("epochs", config.epochs());
    c.put("seed", config.seed());
    c.put("trainingFaultRate", config.faults().rate());
    c.put("bopsPenalty", config.bopsPenalty());
    c.put("batchNorm", config.batchNorm());
    Mlp mlp = result.model();
    ArrayNode layers = root.putArray("layers");
    for (int l = 0; l < mlp.layers(); l++) {
      ObjectNode layer = layers.addObject();
      layer.put("name", "fc" + (l + 1));
      layer.put("inputs", mlp.inputs(l));
      layer.put("outputs", mlp.outputs(l));
      layer.put("weightType", network.denseLayers().get(l).weightType().toString());
      layer.put("resultType", network.denseLayers().get(l).outputType().toString());
      layer.put("prunedFraction", mlp.prunedFraction(l));
      layer.put("maxFanIn", mlp.maxFanIn(l));
      layer.put("bops", cost.layers().get(l).bops());
    }
    root.put("testAccuracy", result.testAccuracy());
    root.put("bops", cost.bops());
    root.put("nonzeroWeights", cost.nonzeroWeights());
    root.put("sparsity", 1 - (double) cost.nonzeroWeights() / totalWeights());
    root.put("samplesPerSecond", result.samplesPerSecond());
    root.put("seconds", seconds);
    ArrayNode history = root.putArray("history");
    for (Trainer.Epoch e : result.history()) {
      ObjectNode h = history.addObject();
      h.put("epoch", e.epoch());
      h.put("loss", e.loss());
      h.put("trainAccuracy", e.trainAccuracy());
      h.put("testAccuracy", e.testAccuracy());
      h.put("sparsity", e.sparsity());
      h.put("quantized", e.quantized());
      h.put("seconds", e.seconds());
    }
    ArrayNode faults = root.putArray("faultAccuracy");
    for (FaultEvaluation.Point p : faultAccuracy) {
      ObjectNode f = faults.addObject();
      f.put("rate", p.rate());
      f.put("meanAccuracy", p.meanAccuracy());
      f.put("minAccuracy", p.minAccuracy());
      f.put("maxAccuracy", p.maxAccuracy());
      f.put("trials", p.trials());
    }
    return root;
  }

  private long totalWeights() {
    return cost.layers().stream().mapToLong(l -> (long) l.inputs() * l.outputs()).sum();
  }

  /** Writes {@code network.json} and {@code training.json} into {@code folder}, each renamed into place. */
  public void write(Path folder) {
    AtomicFiles.writeString(folder.resolve("network.json"), NetworkJson.write(network));
    try {
      AtomicFiles.writeString(folder.resolve("training.json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report()) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the training report", e);
    }
  }
}
