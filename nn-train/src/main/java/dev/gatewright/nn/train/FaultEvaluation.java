package dev.gatewright.nn.train;

import dev.gatewright.nn.FaultModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Accuracy of a trained model under faults: for each rate, {@code trials} independent draws of persistent
 * weight faults, each evaluated over the data with fresh activation faults per sample; the mean and the
 * spread over trials. Seeded: the same model, data and seed give the same numbers.
 */
public final class FaultEvaluation {

  /** The accuracy at one fault rate: mean, lowest and highest over the trials. */
  public record Point(double rate, double meanAccuracy, double minAccuracy, double maxAccuracy, int trials) {}

  private FaultEvaluation() {}

  public static List<Point> run(Mlp mlp, Dataset data, FaultModel.Kind kind, List<Double> rates, int trials,
      long seed) {
    QuantizedInference clean = new QuantizedInference(mlp);
    List<Point> points = new ArrayList<>();
    for (double rate : rates) {
      FaultModel faults = new FaultModel(kind, rate, java.util.EnumSet.allOf(FaultModel.Site.class));
      double sum = 0;
      double min = 1;
      double max = 0;
      for (int t = 0; t < trials; t++) {
        SplittableRandom random = new SplittableRandom(Trainer.mix(seed, Double.doubleToLongBits(rate), t));
        double accuracy = clean.withWeightFaults(faults, mlp, random).accuracy(data, faults, random);
        sum += accuracy;
        min = Math.min(min, accuracy);
        max = Math.max(max, accuracy);
      }
      points.add(new Point(rate, sum / trials, min, max, trials));
    }
    return points;
  }
}
