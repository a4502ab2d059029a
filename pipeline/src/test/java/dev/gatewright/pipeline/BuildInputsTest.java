package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.sim.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A build runs the user's inputs through the hardware after its random vectors, bit-exact against the golden
 * model, and counts the accuracy against the labels; inputs or labels that do not fit the network are refused
 * before anything is written, naming the file and what was expected.
 */
class BuildInputsTest {

  static final int SAMPLES = 60;

  @TempDir Path dir;

  private static Network tiny() {
    return NetworkJson.read(NetworkBuildTest.TINY);
  }

  /** Seeded inputs of the tiny network, and its golden class for each. */
  private static double[] values(long seed) {
    Random random = new Random(seed);
    double[] x = new double[SAMPLES * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian() * 3;
    }
    return x;
  }

  private static long[] goldenClasses(Network network, double[] x) {
    GoldenModel golden = new GoldenModel(network);
    long[] classes = new long[SAMPLES];
    for (int k = 0; k < SAMPLES; k++) {
      classes[k] = golden.infer(network.quantizeInput(java.util.Arrays.copyOfRange(x, 3 * k, 3 * k + 3)))[0];
    }
    return classes;
  }

  private NetworkBuildReport build(InputData data) {
    return NetworkBuild.run(ModelSource.of(tiny()), NetworkBuildOptions.builder(dir.resolve("out")).engine(Engine.JAVA)
        .vectors(20).inputs(data).build(), BuildListener.SILENT);
  }

  @Test
  void givenInputsRunThroughTheHardwareAndTheLabelsGiveItsAccuracy() throws Exception {
    double[] x = values(1);
    long[] classes = goldenClasses(tiny(), x);
    double[] labels = new double[SAMPLES];
    for (int k = 0; k < SAMPLES; k++) {
      labels[k] = k % 4 == 0 ? 1 - classes[k] : classes[k]; // a quarter of the labels disagree
    }
    Path inputs = ArrayFiles.npy(dir.resolve("x.npy"), "f4", new long[] {SAMPLES, 3}, x);
    Path labelFile = ArrayFiles.npy(dir.resolve("y.npy"), "i8", new long[] {SAMPLES}, labels);
    NetworkBuildReport report = build(InputData.read(inputs, InputScale.ONE, labelFile));

    assertTrue(report.succeeded());
    InputCheck check = report.inputs();
    assertTrue(check.bitExact());
    assertEquals(SAMPLES, check.count());
    assertEquals(2 * SAMPLES, check.comparisons(), "the class and the scores of every input");
    assertEquals(List.of("y", "scores"), check.comparedOutputs());
    assertEquals("java", check.engine());
    assertNull(check.reference(), "a network made in Java has no reference executor");
    assertEquals(SAMPLES, check.accuracy().inputs());
    assertEquals(SAMPLES - SAMPLES / 4, check.accuracy().hardwareCorrect());
    assertEquals(75.0, check.accuracy().hardwarePercent());
    assertNull(check.accuracy().referenceCorrect());
    String json = Files.readString(report.folder().resolve(ReportJson.FILE));
    assertTrue(json.contains("\"hardwareCorrect\" : 45"), json);
  }

  @Test
  void inputsAreScaledBeforeTheInputStageAndLabelsMayBeOneHot() throws Exception {
    double[] x = values(2);
    long[] classes = goldenClasses(tiny(), x);
    double[] scaled = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      scaled[i] = x[i] * 255;
    }
    double[] oneHot = new double[SAMPLES * 2];
    for (int k = 0; k < SAMPLES; k++) {
      oneHot[2 * k + (int) classes[k]] = 1;
    }
    Path inputs = ArrayFiles.npy(dir.resolve("x.npy"), "f8", new long[] {SAMPLES, 1, 3}, scaled);
    Path labels = ArrayFiles.npy(dir.resolve("y.npy"), "f4", new long[] {SAMPLES, 2}, oneHot);
    InputCheck check = build(InputData.read(inputs, InputScale.parse("1/255"), labels)).inputs();
    assertEquals(SAMPLES, check.accuracy().hardwareCorrect());
    assertEquals("1/255", check.scale());
  }

  @Test
  void idxImagesAndLabelsAreReadGzippedOrNot() throws Exception {
    byte[] pixels = new byte[SAMPLES * 3];
    new Random(3).nextBytes(pixels);
    byte[] labels = new byte[SAMPLES];
    Path images = ArrayFiles.idx(dir.resolve("images.gz"), new int[] {SAMPLES, 3}, pixels);
    Path labelFile = ArrayFiles.idx(dir.resolve("labels.gz"), new int[] {SAMPLES}, labels);
    InputData data = InputData.read(images, InputScale.parse("1/32"), labelFile);
    assertEquals(SAMPLES, data.count());
    assertEquals((pixels[4] & 0xff) / 32.0, data.sample(1)[1]);
    assertTrue(build(data).inputs().bitExact());
  }

  @Test
  void inputScalesParseAsNumbersOrFractions() {
    assertEquals(1.0 / 255 * 255, InputScale.parse("1/255").apply(255));
    assertEquals(3.0 / 255, InputScale.parse("1/255").apply(3), "divides once: 3/255, not 3 * (1/255)");
    assertEquals(0.75, InputScale.parse("0.25").apply(3));
    assertEquals("2/3", InputScale.parse(" 2 / 3 ").toString());
    for (String bad : new String[] {"0", "-1", "x", "1/0", "1/", "NaN", "Infinity"}) {
      BuildRequestException e = assertThrows(BuildRequestException.class, () -> InputScale.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--input-scale must be a positive number or a fraction such as 1/255"),
          e.getMessage());
    }
  }

  /** One bad input: what the folder holds, the files given, and what the message must say. */
  record Bad(String name, Setup setup, String inputs, String labels, List<String> says) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Setup {
    void write(Path dir) throws IOException;
  }

  static Stream<Bad> badInputs() {
    Setup good = d -> {
      ArrayFiles.npy(d.resolve("x.npy"), "f4", new long[] {SAMPLES, 3}, values(4));
      ArrayFiles.npy(d.resolve("y.npy"), "i8", new long[] {SAMPLES}, new double[SAMPLES]);
    };
    return Stream.of(
        new Bad("samples of the wrong size", d -> ArrayFiles.npy(d.resolve("x.npy"), "f4", new long[] {SAMPLES, 4},
            new double[SAMPLES * 4]), "x.npy", null,
            List.of("x.npy: each input holds 4 values (array shape (60, 4)), but network tiny takes 3 values per input")),
        new Bad("a flat array is samples of one value", d -> ArrayFiles.npy(d.resolve("x.npy"), "f4", new long[] {3},
            new double[3]), "x.npy", null, List.of("each input holds 1 values (array shape (3,))", "(N, 3)")),
        new Bad("a missing inputs file", good, "none.npy", null, List.of("no inputs file at", "none.npy")),
        new Bad("a missing labels file", good, "x.npy", "none.npy", List.of("no labels file at", "none.npy")),
        new Bad("a text file", d -> Files.writeString(d.resolve("x.npy"), "1,2,3\n"), "x.npy", null,
            List.of("x.npy: the inputs file is neither a NumPy .npy file nor an IDX file")),
        new Bad("a dtype the reader does not take", d -> {
          // a complex dtype: the header of a valid file, patched
          byte[] bytes = Files.readAllBytes(ArrayFiles.npy(d.resolve("x.npy"), "f8", new long[] {2, 3}, new double[6]));
          String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'");
          Files.write(d.resolve("x.npy"), text.getBytes(StandardCharsets.ISO_8859_1));
        }, "x.npy", null, List.of("x.npy: ", "dtype")),
        new Bad("NaN among the inputs", d -> {
          double[] x = values(5);
          x[7] = Double.NaN;
          ArrayFiles.npy(d.resolve("x.npy"), "f8", new long[] {SAMPLES, 3}, x);
        }, "x.npy", null, List.of("x.npy: input 2: input[1] = NaN is not a finite number")),
        new Bad("fewer labels than inputs", d -> {
          good.write(d);
          ArrayFiles.npy(d.resolve("y.npy"), "i8", new long[] {SAMPLES - 1}, new double[SAMPLES - 1]);
        }, "x.npy", "y.npy", List.of("y.npy: 59 labels for 60 inputs in", "x.npy; give one label per input")),
        new Bad("labels that are not class numbers", d -> {
          good.write(d);
          double[] y = new double[SAMPLES];
          y[3] = 0.5;
          ArrayFiles.npy(d.resolve("y.npy"), "f4", new long[] {SAMPLES}, y);
        }, "x.npy", "y.npy", List.of("y.npy: label 3 is 0.5; labels are class numbers")),
        new Bad("a label beyond the network's classes", d -> {
          good.write(d);
          double[] y = new double[SAMPLES];
          y[9] = 2;
          ArrayFiles.npy(d.resolve("y.npy"), "u1", new long[] {SAMPLES}, y);
        }, "x.npy", "y.npy", List.of("y.npy: label 2 of input 9 is not a class of network tiny, which has 2 (0..1)")),
        new Bad("labels that are not one-hot", d -> {
          good.write(d);
          double[] y = new double[SAMPLES * 2];
          y[0] = 1;
          y[1] = 1;
          ArrayFiles.npy(d.resolve("y.npy"), "f4", new long[] {SAMPLES, 2}, y);
        }, "x.npy", "y.npy", List.of("y.npy: row 0 of the labels (shape (60, 2)) is not one-hot")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputsAreRefusedBeforeAnythingIsWrittenNamingTheFileAndWhatWasExpected(Bad bad) throws Exception {
    bad.setup().write(dir);
    BuildRequestException e = assertThrows(BuildRequestException.class, () -> build(InputData.read(
        dir.resolve(bad.inputs()), InputScale.ONE, bad.labels() == null ? null : dir.resolve(bad.labels()))));
    for (String fragment : bad.says()) {
      assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("out/tiny")), "nothing is written");
  }
}
