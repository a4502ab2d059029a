package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.TestDesigns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLaneConfigTest {

  @TempDir Path work;

  private static TreeMap<String, byte[]> tree(Path root) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void regenerationIsByteIdentical() throws IOException {
    DesignFiles design = TestDesigns.load("mul_var4", work);
    OpenLaneConfig config = OpenLaneConfig.builder(design).clockPeriodNs(12.5).build();
    Path first = work.resolve("first/mul_var4");
    Path second = work.resolve("second/mul_var4");
    config.writeTo(first);
    OpenLaneConfig.builder(TestDesigns.load("mul_var4", work.resolve("again")))
        .clockPeriodNs(12.5).build().writeTo(second);
    config.writeTo(first);

    TreeMap<String, byte[]> a = tree(first);
    TreeMap<String, byte[]> b = tree(second);
    assertEquals(List.of("config.json", "src/mul_var.sv", "src/mul_var4.sv"), List.copyOf(a.keySet()));
    assertEquals(a.keySet(), b.keySet());
    for (String file : a.keySet()) {
      assertArrayEquals(a.get(file), b.get(file), file);
    }
  }

  @Test
  void theConfigNamesTheDesignItsSourcesInOrderTheClockAndThePdk() throws IOException {
    DesignFiles design = TestDesigns.load("mul_var2", work);
    String json = OpenLaneConfig.forDesign(design, FlowOptions.builder().clockMhz(80).build()).toJson();
    JsonNode root = new ObjectMapper().readTree(json);

    assertEquals(2, root.path("meta").path("version").asInt());
    assertEquals("Classic", root.path("meta").path("flow").asText());
    assertEquals("mul_var2", root.path("DESIGN_NAME").asText());
    assertEquals("dir::src/mul_var.sv", root.path("VERILOG_FILES").get(0).asText());
    assertEquals("dir::src/mul_var2.sv", root.path("VERILOG_FILES").get(1).asText());
    assertEquals("clk", root.path("CLOCK_PORT").asText());
    assertEquals("12.5", root.path("CLOCK_PERIOD").asText());
    assertEquals("sky130A", root.path("PDK").asText());
    assertEquals("sky130_fd_sc_hd", root.path("STD_CELL_LIBRARY").asText());
    assertEquals("relative", root.path("FP_SIZING").asText());
    assertEquals(40, root.path("FP_CORE_UTIL").asInt());
    assertEquals(50, root.path("PL_TARGET_DENSITY_PCT").asInt());
  }

  @Test
  void aFixedDieSwitchesToAbsoluteSizing() throws IOException {
    String json = OpenLaneConfig.builder(TestDesigns.load("adder8", work)).dieAreaUm(150, 120.5)
        .build().toJson();
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals("absolute", root.path("FP_SIZING").asText());
    assertEquals("[0,0,150,120.5]", root.path("DIE_AREA").toString());
    assertEquals(true, root.path("FP_CORE_UTIL").isMissingNode());
  }

  @Test
  void settingsOutsideTheirRangeFailWhereTheyAreGiven() {
    DesignFiles design = TestDesigns.load("adder8", work);
    assertThrows(FlowException.class, () -> OpenLaneConfig.builder(design).coreUtilizationPct(0));
    assertThrows(FlowException.class, () -> OpenLaneConfig.builder(design).clockPeriodNs(-1));
    assertThrows(FlowException.class, () -> OpenLaneConfig.builder(design).clockPort("clk b"));
  }

  @Test
  void differencesNameEveryStaleMissingAndUnregisteredFile() throws IOException {
    OpenLaneConfigs.Entry adder16 = new OpenLaneConfigs.Entry("adder16",
        scratch -> OpenLaneConfig.builder(TestDesigns.load("adder16", scratch)).build());
    Path root = work.resolve("configs");
    OpenLaneConfigs.regenerate(root, List.of(adder16));
    assertEquals(List.of(), OpenLaneConfigs.differences(root, List.of(adder16)));

    Files.writeString(root.resolve("adder16/config.json"), "{}\n");
    Files.delete(root.resolve("adder16/src/adder.sv"));
    Files.createDirectories(root.resolve("old_design"));
    Files.writeString(root.resolve("old_design/config.json"), "{}\n");
    assertEquals(List.of("adder16/config.json differs", "adder16/src/adder.sv is missing",
        "old_design/config.json is not generated"), OpenLaneConfigs.differences(root, List.of(adder16)));
  }

  @Test
  void regenerateWritesEachRegisteredDesignIntoItsFolder() throws IOException {
    OpenLaneConfigs.Entry entry = new OpenLaneConfigs.Entry("adder16",
        scratch -> OpenLaneConfig.builder(TestDesigns.load("adder16", scratch)).build());
    List<Path> written = OpenLaneConfigs.regenerate(work.resolve("configs"), List.of(entry));
    assertEquals(List.of(work.resolve("configs/adder16")), written);
    assertEquals(List.of("config.json", "src/adder.sv", "src/adder16.sv"),
        List.copyOf(tree(written.get(0)).keySet()));
  }
}
