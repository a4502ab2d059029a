package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.flow.asic.OpenLaneConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLaneConfigsCommandTest {

  /** The project's {@code openlane-configs/}; tests run in the {@code cli} module folder. */
  private static final Path CHECKED_IN = Path.of("").toAbsolutePath().getParent().resolve("openlane-configs");

  @Test
  void theCheckedInConfigsAreByteIdenticalToARegeneration() {
    assertEquals(List.of(), OpenLaneConfigs.differences(CHECKED_IN, OpenLaneConfigsCommand.CHECKED_IN),
        "openlane-configs/ is stale: run './gatewright openlane-configs' from the project root");
  }

  @Test
  void theCheckedInDesignsAreTheJetTaggerAndTheMacArray() {
    assertEquals(List.of("jet_tagger_mlp", "mac_array_8x8"),
        OpenLaneConfigsCommand.CHECKED_IN.stream().map(OpenLaneConfigs.Entry::name).toList());
    assertEquals(List.of("jet_tagger_mlp", "mac_array_8x8"), OpenLaneConfigs.present(CHECKED_IN));
  }
}
