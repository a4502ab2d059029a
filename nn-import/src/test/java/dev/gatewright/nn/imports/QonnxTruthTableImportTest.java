package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.nn.lut.LutNetworkGenerator;
import dev.gatewright.nn.lut.LutNetworkHardware;
import dev.gatewright.nn.lut.LutNetworkIo;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.lut.LutPlan;
import dev.gatewright.nn.reference.OnnxReference;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LogicNets-style QONNX model — 2-bit activations, every neuron reading 3 or 4 inputs (the other
 * weights zero), batch norm and ReLU before each activation quantizer — imports to a network whose
 * layers all become truth-table neurons, and that hardware computes the imported golden model (itself
 * checked against the reference executor) bit for bit.
 */
@ExtendWith(CoSimulationExtension.class)
class QonnxTruthTableImportTest {

  @TempDir
  Path directory;

  private OnnxGraphBuilder g;

  @Test
  void sparseTwoBitQonnxModelBuildsAsTruthTablesBitExact() throws IOException {
    Random r = new Random(8);
    int in = 12;
    g = new OnnxGraphBuilder(1, in);
    String y = g.quant("x", 0.25, 2, false);
    y = sparseLayer(y, r, in, 8, 4);
    y = g.quant(y, 0.5, 2, false);
    y = sparseLayer(y, r, 8, 6, 3);
    y = g.quant(y, 0.5, 2, false);
    y = g.op("MatMul", List.of(y, g.quant(g.constant(new long[] {6, 3}, sparseWeights(r, 6, 3, 3)), 0.25, 3, true)));
    y = g.quant(y, 0.125, 6, true);
    Path file = g.save(directory.resolve("synthetic.onnx"));

    ImportedModel model = ModelImport.read(file);
    Network network = model.network();
    OnnxReference reference = OnnxReference.load(file);
    GoldenModel golden = new GoldenModel(network);
    for (int k = 0; k < 300; k++) {
      double[] x = new double[in];
      for (int i = 0; i < in; i++) {
        x[i] = r.nextDouble() * 1.2 - 0.1;
      }
      assertEquals(java.util.Arrays.toString(reference.infer(x)), java.util.Arrays.toString(model.infer(golden, x)));
    }

    LutPlan plan = LutPlan.of(network, LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES));
    assertEquals(3, plan.tables().size(), plan.describe());
    for (LutPlan.Table table : plan.tables()) {
      assertTrue(table.layer().maxFanIn() <= 4 && table.layer().maxAddressBits() <= 12, plan.describe());
    }
    LutNetworkHardware hardware = new LutNetworkGenerator(plan).build();
    CoSimulation.of(hardware.module()).valid(io -> io.inValid, io -> io.outValid).latency(hardware.latency())
        .golden((io, input, out) -> out.set(io.y, VectorPorts.pack(golden.infer(
            VectorPorts.unpack(input.get(io.x), network.inputs(), network.inputType())), network.outputType())))
        .cornerVectors().randomVectors(2000, 3).check(Engine.JAVA);
  }

  /** MatMul by sparse 5-bit weights, bias, batch norm and ReLU. */
  private String sparseLayer(String x, Random r, int inputs, int outputs, int fanIn) {
    String y = g.op("MatMul", List.of(x, g.quant(g.constant(new long[] {inputs, outputs},
        sparseWeights(r, inputs, outputs, fanIn)), 0.125, 5, true)));
    y = g.op("Add", List.of(y, g.constant(new long[] {outputs}, gaussian(r, outputs, 0.2))));
    double[] variance = gaussian(r, outputs, 1);
    for (int o = 0; o < outputs; o++) {
      variance[o] = variance[o] * variance[o] + 0.2;
    }
    y = g.op("BatchNormalization", List.of(y, g.constant(new long[] {outputs}, gaussian(r, outputs, 1)),
        g.constant(new long[] {outputs}, gaussian(r, outputs, 0.2)),
        g.constant(new long[] {outputs}, gaussian(r, outputs, 0.2)), g.constant(new long[] {outputs}, variance)));
    return g.op("Relu", List.of(y));
  }

  /** An inputs × outputs matrix (ONNX MatMul layout) with {@code fanIn} nonzero weights in each column. */
  private static double[] sparseWeights(Random r, int inputs, int outputs, int fanIn) {
    double[] w = new double[inputs * outputs];
    for (int o = 0; o < outputs; o++) {
      int placed = 0;
      while (placed < fanIn) {
        int i = r.nextInt(inputs);
        if (w[i * outputs + o] == 0) {
          double v = (r.nextInt(15) - 7) * 0.125;
          w[i * outputs + o] = v == 0 ? 0.5 : v;
          placed++;
        }
      }
    }
    return w;
  }

  private static double[] gaussian(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * scale;
    }
    return v;
  }

}
