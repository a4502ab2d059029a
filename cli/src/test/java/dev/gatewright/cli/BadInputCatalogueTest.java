package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.pipeline.HeapBudget;
import dev.gatewright.tool.FolderLock;
import dev.gatewright.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs, one per row, across the command line, network files, the tool environment and
 * concurrency. Each row states the exit code (2: the input or options are wrong, 1: the run failed),
 * what the one-line message must name (the option, JSON path, file or setting, and the allowed range),
 * and whether the run may write anything; every row also asserts that no stack trace is printed and no
 * partial ({@code .partial}) folder is left. The DSL-API rows live with the DSL.
 */
class BadInputCatalogueTest {

  /** What a row needs before it runs, given its own empty folder. */
  @FunctionalInterface
  interface Setup {
    void prepare(Path dir) throws IOException;
  }

  /**
   * One bad input. {@code {dir}} in an argument is the row's own folder, which holds {@code tiny.json}
   * (a valid network) and whatever {@code setup} writes.
   */
  record Case(String name, List<String> args, int exit, List<String> says, boolean writesNothing,
      Map<String, String> properties, Setup setup) {

    Case with(String property, String value) {
      Map<String, String> more = new HashMap<>(properties);
      more.put(property, value);
      return new Case(name, args, exit, says, writesNothing, more, setup);
    }

    Case given(Setup more) {
      Setup first = setup;
      return new Case(name, args, exit, says, writesNothing, properties, dir -> {
        first.prepare(dir);
        more.prepare(dir);
      });
    }

    Case writing() {
      return new Case(name, args, exit, says, false, properties, setup);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Case refused(String name, String command, String... says) {
    return new Case(name, List.of(command.split(" ")), 2, List.of(says), true, Map.of(), dir -> {});
  }

  private static Case failed(String name, String command, String... says) {
    return new Case(name, List.of(command.split(" ")), 1, List.of(says), true, Map.of(), dir -> {});
  }

  /** A network file {@code bad.json}: the tiny network with {@code from} replaced by {@code to}. */
  private static Case network(String name, String from, String to, String... says) {
    return refused(name, "build {dir}/bad.json --engine java --synth none --out {dir}/out", says)
        .given(dir -> {
          assertTrue(NetworkCommandsTest.NETWORK.contains(from), "the row must change the network: " + from);
          Files.writeString(dir.resolve("bad.json"), NetworkCommandsTest.NETWORK.replace(from, to));
        });
  }

  private static final String BUILD = "build {dir}/tiny.json --engine java --synth none --out {dir}/out";

  static Stream<Case> catalogue() {
    List<Case> rows = new ArrayList<>();
    // ---- the command line
    rows.add(refused("example --size 0 is an empty grid", "example --size 0 --out {dir}/out",
        "--size must be at least 1", "not 0"));
    rows.add(refused("example --size -3", "example --size -3 --out {dir}/out", "--size must be at least 1"));
    rows.add(refused("example --size 100000 is refused at once", "example --size 100000 --out {dir}/out",
        "--size 100,000 would build about", "--size must be 1..", "GATEWRIGHT_JAVA_OPTS"));
    rows.add(refused("example --size three", "example --size three", "Invalid value for option '--size'"));
    rows.add(refused("example --out empty", "example --out=", "--out must name a folder"));
    rows.add(refused("an unknown option", "example --bogus", "Unknown option: '--bogus'"));
    rows.add(refused("an unknown command", "frobnicate", "Unmatched argument", "frobnicate"));
    rows.add(refused("build without a file", "build", "Missing required parameter", "NETWORK.json"));
    rows.add(refused("build of a missing file", "build {dir}/none.json", "no model or network file at", "none.json"));
    rows.add(refused("build of a folder", "build {dir}", "no model or network file at"));
    rows.add(refused("build --labels without inputs", BUILD + " --labels {dir}/y.npy",
        "--labels needs the inputs they label: --inputs or --mnist"));
    rows.add(refused("build --input-scale without inputs", BUILD + " --input-scale 1/255",
        "--input-scale scales given inputs: add --inputs or --mnist"));
    rows.add(refused("build --inputs and --mnist together", BUILD + " --inputs {dir}/x.npy --mnist {dir}/x.idx",
        "--inputs=X.npy, --mnist=IMAGES-IDX are mutually exclusive"));
    rows.add(refused("build --input-scale 0", BUILD + " --inputs {dir}/x.npy --input-scale 0",
        "--input-scale must be a positive number or a fraction such as 1/255, not '0'"));
    rows.add(refused("build --inputs of a missing file", BUILD + " --inputs {dir}/none.npy", "no inputs file at",
        "none.npy"));
    rows.add(refused("build --mnist of a text file", BUILD + " --mnist {dir}/digits.txt",
        "digits.txt: the inputs file is neither a NumPy .npy file nor an IDX file")
        .given(dir -> Files.writeString(dir.resolve("digits.txt"), "0 0 255 3\n")));
    rows.add(refused("build --labels of a missing file", BUILD + " --mnist {dir}/x.idx --labels {dir}/none.idx",
        "no labels file at", "none.idx").given(dir -> Files.write(dir.resolve("x.idx"),
            new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3})));
    rows.add(refused("build --precision of a network file", BUILD + " --precision {dir}/p.yml",
        "--precision {dir}/p.yml sets the precisions of a model's float parts", "tiny.json is a gatewright network"));
    rows.add(refused("build of a model with an unsupported operator", "build "
        + ImportCommandTest.MODELS.resolve("qonnx_fp8_floatquant/qonnx_act_weight_fp8.onnx")
        + " --engine java --synth none --out {dir}/out",
        "node \"/input_quant/export_handler/FloatQuant\" (FloatQuant): unsupported operator", "qonnx_act_weight_fp8.onnx"));
    rows.add(refused("build of a CNN for the dense architecture", "build "
        + ImportCommandTest.MODELS.resolve("hls4ml_example_models/onnx/conv1d_small_keras.onnx")
        + " --engine java --synth none --out {dir}/out", "layer Conv1D__ (conv) needs the streaming architecture",
        "--architecture dataflow"));
    rows.add(refused("--vectors -5", BUILD + " --vectors -5", "--vectors must be 0..100,000,000", "not -5"));
    rows.add(refused("--vectors 2147483647", BUILD + " --vectors 2147483647",
        "--vectors must be 0..100,000,000", "not 2147483647"));
    rows.add(refused("--vectors beyond the limit", BUILD + " --vectors 100000001", "--vectors must be 0..100,000,000"));
    rows.add(refused("--vectors abc", BUILD + " --vectors abc", "Invalid value for option '--vectors'"));
    rows.add(refused("--reuse 0", BUILD + " --reuse 0", "--reuse must be at least 1", "not 0"));
    rows.add(refused("--reuse -1", BUILD + " --reuse -1", "--reuse must be at least 1"));
    rows.add(refused("--reuse 1000000 names the layer and the range", BUILD + " --reuse 1000000",
        "--reuse 1,000,000 is too large for network tiny", "layer out", "--reuse must be 1..4,096"));
    rows.add(refused("--register-every -1", BUILD + " --register-every -1", "--register-every must be at least 0"));
    rows.add(refused("--multiplier foo", BUILD + " --multiplier foo", "Invalid value for option '--multiplier'",
        "'foo' is not a multiplier style; expected adder-graph, csd or dsp"));
    rows.add(refused("--neurons foo", BUILD + " --neurons foo", "Invalid value for option '--neurons'",
        "'foo' is not a neuron style; expected arithmetic, truth-table, auto"));
    rows.add(refused("--neurons truth-table where no layer fits a table", BUILD + " --neurons truth-table",
        "--neurons truth-table: no dense layer of network tiny fits a truth table of at most 12 address bits",
        "fc1 arithmetic: fan-in 3 x 8 bits = 24 address bits > 12", "--neurons arithmetic or auto"));
    rows.add(refused("--table-bits 0", BUILD + " --neurons truth-table --table-bits 0",
        "--table-bits must be 1..20 address bits, not 0"));
    rows.add(refused("--table-bits 21", BUILD + " --neurons auto --table-bits 21",
        "--table-bits must be 1..20 address bits, not 21"));
    rows.add(refused("--table-bits without tables", BUILD + " --table-bits 8",
        "--table-bits sizes the truth tables of --neurons truth-table or auto", "--neurons arithmetic"));
    rows.add(refused("dataflow with --neurons", BUILD + " --architecture dataflow --neurons truth-table",
        "--neurons truth-table and --table-bits belong to the dense architecture"));
    rows.add(refused("build --clock-mhz 0", BUILD + " --clock-mhz 0", "--clock-mhz must be a positive number of MHz",
        "not 0.0"));
    rows.add(refused("build --target foo", BUILD + " --target foo", "--target: ", "foo"));
    rows.add(refused("--target with --register-every", BUILD + " --target ice40 --register-every 2",
        "--target chooses the delays registers are placed by", "give one"));
    rows.add(refused("--engine foo", BUILD + " --engine foo", "Invalid value for option '--engine'"));
    rows.add(refused("--synth foo", "build {dir}/tiny.json --engine java --synth foo --out {dir}/out",
        "--synth: unknown target 'foo'", "xc7, ice40"));
    rows.add(refused("--synth with one bad target of two",
        "build {dir}/tiny.json --engine java --synth xc7,nope --out {dir}/out", "--synth: unknown target 'nope'"));
    rows.add(refused("--architecture foo", BUILD + " --architecture foo", "Invalid value for option '--architecture'",
        "DENSE, DATAFLOW"));
    rows.add(refused("dataflow --target-fps beyond one frame per cycle", BUILD + " --architecture dataflow"
        + " --target-fps 1e12 --clock-mhz 100", "--target-fps:", "less than one cycle"));
    rows.add(refused("dataflow with --reuse", BUILD + " --architecture dataflow --reuse 4",
        "--reuse belongs to the dense architecture"));
    rows.add(refused("dataflow --clock-mhz 0", BUILD + " --architecture dataflow --clock-mhz 0",
        "--clock-mhz must be a positive number"));
    rows.add(refused("dataflow --stalls 1", BUILD + " --architecture dataflow --stalls 1", "--stalls must be a"
        + " probability"));
    rows.add(refused("dataflow --target-fps with --folding", BUILD + " --architecture dataflow --target-fps 1e6"
        + " --folding {dir}/f.json", "--target-fps and --folding both choose the folding"));
    rows.add(refused("dataflow --folding of a missing file", BUILD + " --architecture dataflow --folding"
        + " {dir}/none.json", "--folding: no file at", "none.json"));
    rows.add(refused("dataflow --folding naming no layer of the network", BUILD + " --architecture dataflow"
        + " --folding {dir}/f.json", "f.json: $.layers.fc9: network tiny has no layer fc9")
        .given(dir -> Files.writeString(dir.resolve("f.json"),
            "{\"format\": \"gatewright-folding/1\", \"layers\": {\"fc9\": {\"pe\": 2}}}")));
    rows.add(refused("dataflow --folding that does not divide a layer", BUILD + " --architecture dataflow"
        + " --folding {dir}/f.json", "f.json: $.layers: fc1: PE 3 must divide the 4 output channels")
        .given(dir -> Files.writeString(dir.resolve("f.json"),
            "{\"format\": \"gatewright-folding/1\", \"layers\": {\"fc1\": {\"pe\": 3}}}")));
    rows.add(refused("build --out empty", "build {dir}/tiny.json --engine java --synth none --out=",
        "--out must name a folder"));
    rows.add(refused("demo --out empty", "demo --engine java --synth none --out=", "--out must name a folder"));
    rows.add(refused("demo --vectors -1", "demo --engine java --synth none --vectors -1 --out {dir}/out",
        "--vectors must be 0.."));
    rows.add(refused("demo mnist --vectors -1", "demo mnist --engine java --synth none --vectors -1 --out {dir}/out",
        "--vectors must be 0.."));
    rows.add(refused("demo --reuse 100000", "demo --engine java --synth none --reuse 100000 --out {dir}/out",
        "--reuse 100,000 is too large", "--reuse must be 1..4,096"));
    rows.add(refused("synth without a target", "synth --example-size 2", "Missing required option: '--target"));
    rows.add(refused("synth --target foo", "synth --target foo --runs {dir}/runs", "--target: unknown target 'foo'"));
    rows.add(refused("synth of a missing file list", "synth --target xc7 --file-list {dir}/missing.f --top t"
        + " --runs {dir}/runs", "the file list", "missing.f", "does not exist"));
    rows.add(refused("synth --file-list without --top", "synth --target xc7 --file-list {dir}/x.f --runs {dir}/runs",
        "--file-list needs --top"));
    rows.add(refused("synth --top without --file-list", "synth --target xc7 --top t --runs {dir}/runs",
        "--top only goes with --file-list"));
    rows.add(refused("synth --example-size 0", "synth --target xc7 --example-size 0 --runs {dir}/runs",
        "--example-size must be at least 1"));
    rows.add(refused("synth --clock-mhz 0", "synth --target xc7 --clock-mhz 0 --runs {dir}/runs",
        "--clock-mhz must be a positive number"));
    rows.add(refused("synth --clock-mhz -5", "synth --target xc7 --clock-mhz -5 --runs {dir}/runs",
        "--clock-mhz must be a positive number", "-5"));
    rows.add(refused("synth --jobs 0", "synth --target xc7 --jobs 0 --runs {dir}/runs", "--jobs must be at least 1"));
    rows.add(refused("synth --timeout-minutes 0", "synth --target xc7 --timeout-minutes 0 --runs {dir}/runs",
        "--timeout-minutes must be at least 1"));
    rows.add(refused("synth --ice40-device foo-bar", "synth --target ice40 --ice40-device foo-bar --runs {dir}/runs",
        "--ice40-device: unknown iCE40 device 'foo'", "hx8k"));
    rows.add(refused("synth --ice40-device without a package", "synth --target ice40 --ice40-device hx8k"
        + " --runs {dir}/runs", "--ice40-device", "<device>-<package>"));
    rows.add(refused("synth --intel-device without a colon", "synth --target intel --intel-device Cyclone"
        + " --runs {dir}/runs", "--intel-device takes FAMILY:DEVICE"));
    rows.add(refused("synth --xilinx-part with a space", "synth --target xc7 --xilinx-part bad;part"
        + " --runs {dir}/runs", "--xilinx-part: not a Xilinx part"));
    rows.add(refused("synth --clock-port 1clk", "synth --target xc7 --clock-port 1clk --runs {dir}/runs",
        "--clock-port: not a port name: '1clk'"));
    rows.add(refused("synth --runs empty", "synth --target xc7 --runs=", "--runs must name a folder"));
    rows.add(refused("bench synth --point foo", "bench synth --point foo --runs {dir}/runs",
        "--point: unknown design point 'foo'", "6b-csd"));
    rows.add(refused("bench synth --target intel", "bench synth --target intel --runs {dir}/runs",
        "--target: the synthesis benchmark runs xc7, ice40 and sky130"));
    rows.add(refused("bench nn --reuse 0", "bench nn --reuse 0", "--reuse: reuse factors must be at least 1"));
    rows.add(refused("bench nn --inferences 0", "bench nn --inferences 0", "--inferences must be at least 1"));
    rows.add(refused("bench elaboration --sizes 0", "bench elaboration --sizes 0",
        "--sizes: a grid side must be 1..2000, not 0"));
    rows.add(refused("bench elaboration --max-heap lots", "bench elaboration --max-heap lots",
        "--max-heap must look like 1g or 768m, not 'lots'"));
    rows.add(refused("openlane-configs outside the project root", "openlane-configs",
        "no openlane-configs/README.md in", "run this from the gatewright project root, or give --out"));
    rows.add(refused("openlane-configs --out empty", "openlane-configs --out=", "--out must name a folder"));

    // ---- network files
    rows.add(network("text after the JSON object", "{ \"kind\": \"argmax\" } ] }",
        "{ \"kind\": \"argmax\" } ] } trailing", "bad.json", "$: line", "not valid JSON"));
    rows.add(network("a second object after the network", "{ \"kind\": \"argmax\" } ] }",
        "{ \"kind\": \"argmax\" } ] } { }", "bad.json", "text after the network's JSON object"));
    rows.add(network("no format field", "\"format\": \"gatewright-network/1\", ", "",
        "$: no \"format\" field", "gatewright-network/1"));
    rows.add(network("an unknown format", "gatewright-network/1", "onnx", "$.format: unknown format \"onnx\""));
    rows.add(network("a name that starts with a digit", "\"name\": \"tiny\"", "\"name\": \"1net\"",
        "$.name: network name '1net' must start with a letter or _"));
    rows.add(network("an empty name", "\"name\": \"tiny\"", "\"name\": \"\"", "$.name: a network needs a name"));
    rows.add(network("layer names that collide in hardware", "\"name\": \"relu1\"", "\"name\": \"fc_1\"",
        "$.layers[1].name: the layer names 'fc-1' (layer 0) and 'fc_1' both become fc_1", "rename one")
        .given(dir -> Files.writeString(dir.resolve("bad.json"),
            Files.readString(dir.resolve("bad.json")).replace("\"name\": \"fc1\"", "\"name\": \"fc-1\""))));
    rows.add(network("two layers with one name", "\"name\": \"relu1\"", "\"name\": \"fc1\"",
        "$.layers[1].name: two layers are named fc1"));
    rows.add(network("malformed JSON", "\"layers\": [", "\"layers\": ", "bad.json", "not valid JSON"));
    rows.add(network("an empty file", NetworkCommandsTest.NETWORK, "", "$: empty document"));
    rows.add(network("a short weight row", "[ 4, 0, -32 ]", "[ 4, 0 ]", "$.layers[0].rawWeights[1]"));
    rows.add(network("an unknown field", "\"name\": \"tiny\",", "\"name\": \"tiny\", \"colour\": 1,", "$.colour"));
    rows.add(network("an unknown layer kind", "{ \"kind\": \"relu\", \"name\": \"relu1\" }",
        "{ \"kind\": \"gelu\", \"name\": \"relu1\" }", "$.layers[1].kind: unknown layer kind \"gelu\""));
    rows.add(network("an input of size 0", "\"size\": 3", "\"size\": 0", "$.input.size"));
    rows.add(network("an input type that is not one", "\"type\": \"sfix(8,4)\"", "\"type\": \"float32\"",
        "$.input.type: not a fixed-point type: \"float32\""));
    rows.add(network("a layer of no outputs", "\"outputs\": 4,", "\"outputs\": 0,", "$.layers[0].outputs"));
    rows.add(network("a weight out of its type's range", "[ 16, -8, 10 ]", "[ 16, -8, 100 ]",
        "$.layers[0].rawWeights[0][2]"));
    rows.add(network("a misspelt layers list", "\"layers\": [", "\"layerz\": [", "$.layerz"));
    rows.add(refused("an input vector wider than the widest signal",
        "build {dir}/wide.json --engine java --synth none --out {dir}/out",
        "the network's input vector x holds 5,000 values of sfix(16,10), 80,000 bits", "input.size",
        "at most 4,096").given(dir -> Files.writeString(dir.resolve("wide.json"), dense(5000, 1, 1))));
    rows.add(refused("a network too big for the heap", "build {dir}/big.json --engine java --synth none --out {dir}/out",
        "network big is too big to build in this JVM", "IR nodes", "--reuse", "GATEWRIGHT_JAVA_OPTS").given(dir -> {
          int side = (int) Math.sqrt(HeapBudget.maxIrNodes() / 30.0) + 2;
          Files.writeString(dir.resolve("big.json"), dense(side, side, 0x5555));
        }));

    // ---- the tool environment
    rows.add(refused("GATEWRIGHT_VERILATOR pointing at no file", BUILD.replace("java", "verilator"),
        "the system property gatewright.tool.verilator points at", "which does not exist")
        .with("gatewright.tool.verilator", "/nonexistent/verilator"));
    rows.add(refused("a broken Verilator setting is an error, not a quiet fallback",
        "build {dir}/tiny.json --synth none --out {dir}/out",
        "gatewright.tool.verilator points at", "which does not exist", "--engine java")
        .with("gatewright.tool.verilator", "/nonexistent/verilator"));
    rows.add(refused("GATEWRIGHT_VERILATOR pointing at a folder", BUILD.replace("java", "verilator"),
        "which is a folder, not a program").with("gatewright.tool.verilator", "/tmp"));
    rows.add(refused("GATEWRIGHT_VERILATOR pointing at a file that does not run", BUILD.replace("java", "verilator"),
        "which is not executable").with("gatewright.tool.verilator", "{dir}/verilator.txt")
        .given(dir -> Files.writeString(dir.resolve("verilator.txt"), "not a program")));
    rows.add(failed("example with a Verilator setting that points nowhere", "example --size 2 --out {dir}/out",
        "verilator: FAILED", "points at /nonexistent/verilator")
        .with("gatewright.tool.verilator", "/nonexistent/verilator").writing());
    rows.add(failed("example with a Verilator that fails silently", "example --size 2 --out {dir}/out",
        "verilator: FAILED (exited with 1, and printed nothing)")
        .with("gatewright.tool.verilator", "/bin/false").writing());
    rows.add(failed("synth with a Yosys setting that points nowhere", "synth --target xc7 --example-size 2"
        + " --runs {dir}/runs", "gatewright.tool.yosys points at /nonexistent/yosys", "which does not exist")
        .with("gatewright.tool.yosys", "/nonexistent/yosys").writing());
    rows.add(refused("an unwritable Verilator cache says what to do", BUILD.replace("java", "verilator"),
        "the Verilator cache", "cannot be written", "GATEWRIGHT_VERILATOR_CACHE")
        .with("gatewright.verilator.cache", "{dir}/plain-file/cache")
        .given(dir -> Files.writeString(dir.resolve("plain-file"), "x")));
    rows.add(refused("a missing PDK is named before anything is built",
        "build {dir}/tiny.json --engine java --synth sky130 --pdk-root {dir}/no-pdk --out {dir}/out",
        "--synth sky130: no sky130_fd_sc_hd liberty at", "no-pdk", "--pdk-root"));
    rows.add(failed("an output folder under a plain file keeps the OS reason",
        "build {dir}/tiny.json --engine java --synth none --out {dir}/plain-file/out", "plain-file",
        "Not a directory").given(dir -> Files.writeString(dir.resolve("plain-file"), "x")));
    rows.add(failed("a file name too long keeps the OS reason", "example --size 2 --out {dir}/" + "n".repeat(300),
        "File name too long"));

    // ---- concurrency
    rows.add(failed("a second build into a folder another run is writing",
        BUILD, "another gatewright run (pid ", "is writing into", "give another --out"));
    return rows.stream();
  }

  /** A one-layer network of {@code inputs} x {@code outputs} weights, all equal to {@code weight}. */
  static String dense(int inputs, int outputs, int weight) {
    StringBuilder rows = new StringBuilder("[");
    String row = "[" + String.join(",", java.util.Collections.nCopies(inputs, Integer.toString(weight))) + "]";
    for (int o = 0; o < outputs; o++) {
      rows.append(o == 0 ? "" : ",").append(row);
    }
    rows.append(']');
    return "{ \"format\": \"gatewright-network/1\", \"name\": \"big\", \"input\": { \"size\": " + inputs
        + ", \"type\": \"sfix(16,10)\" }, \"layers\": [ { \"kind\": \"dense\", \"name\": \"fc\", \"outputs\": "
        + outputs + ", \"weightType\": \"sfix(16,15)\", \"result\": { \"type\": \"sfix(16,10)\" }, \"rawWeights\": "
        + rows + " } ] }";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void badInputGivesAClearErrorAndLeavesNoPartialOutput(Case row, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("tiny.json"), NetworkCommandsTest.NETWORK);
    row.setup().prepare(dir);
    if (row.args().contains("verilator") || row.properties().containsKey("gatewright.verilator.cache")) {
      Assumptions.assumeTrue(Tool.VERILATOR.isAvailable() || row.properties().containsKey("gatewright.tool.verilator"),
          "verilator is not installed");
    }
    String[] args = row.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
    Map<String, String> saved = new HashMap<>();
    row.properties().forEach((name, value) -> {
      saved.put(name, System.getProperty(name));
      System.setProperty(name, value.replace("{dir}", dir.toString()));
    });
    FolderLock held = row.name().startsWith("a second build") ? FolderLock.acquire(dir.resolve("out"), "the test") : null;
    String output;
    int exit;
    try {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream out = System.out;
      PrintStream err = System.err;
      try (PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
        System.setOut(stream);
        System.setErr(stream);
        exit = Main.run(args);
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
      output = captured.toString(StandardCharsets.UTF_8);
    } finally {
      if (held != null) {
        held.close();
      }
      saved.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
    assertEquals(row.exit(), exit, output);
    for (String fragment : row.says()) {
      assertTrue(output.contains(fragment.replace("{dir}", dir.toString())), "expected '" + fragment + "' in:\n" + output);
    }
    assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "a stack trace:\n" + output);
    assertFalse(output.contains("OutOfMemoryError"), output);
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.toList();
      assertTrue(all.stream().noneMatch(p -> p.getFileName().toString().contains(".partial")),
          "a partial folder was left: " + all);
      if (row.writesNothing()) {
        assertTrue(all.stream().noneMatch(p -> p.toString().endsWith(".sv") || p.endsWith("report.json")
            || p.getFileName().toString().endsWith(".failed")), "files were written: " + all);
      }
    }
  }

  @Test
  void sigtermDuringABuildLeavesAFailedFolderNotAPartialOneAndNotAHalfDesignInPlace(@TempDir Path dir)
      throws Exception {
    Path network = Files.writeString(dir.resolve("tiny.json"), NetworkCommandsTest.NETWORK);
    Path out = dir.resolve("out");
    Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "build", network.toString(),
        "--engine", "java", "--synth", "none", "--vectors", "100000000", "--out", out.toString())
        .redirectErrorStream(true).start();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(
        new java.io.InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = lines.readLine();
      } while (line != null && !line.startsWith("elaborated"));
      assertTrue(line != null, "the build never got to verification");
      build.destroy();   // SIGTERM
      assertTrue(build.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    }
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(".gatewright.lock", "tiny.failed"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(out.resolve("tiny.failed/FAILED.txt")).contains("SIGTERM"));
  }
}
