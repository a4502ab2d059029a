package dev.gatewright.flow.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.flow.FlowException;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a Yosys {@code synth_ice40} JSON netlist so that no logic cell reads one net on two
 * inputs, which sends nextpnr-ice40's routers into an endless rip-up loop (YosysHQ/nextpnr#179,
 * #1341): router1 and router2 of nextpnr 0.4 never finish such a design, whatever the seed.
 *
 * <p>Every signed adder whose operands share their sign bit (x + 4x in a shift-add multiplier) has
 * such cells at its top: Yosys' iCE40 adder map puts operand bits on a carry's {@code I0}/{@code I1}
 * and on its LUT's {@code I1}/{@code I2}. Two exact rewrites remove them:
 * <ul>
 *   <li>a carry whose {@code I0} and {@code I1} are one net gets its {@code I1} (and the {@code I2}
 *       of the LUT packed with it) through a buffer LUT: one logic cell per such carry;</li>
 *   <li>a LUT that reads one net on two inputs reads it once: the second input is tied to 0 and the
 *       truth table folded, which changes no output.</li>
 * </ul>
 */
public final class Ice40Netlist {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] LUT_INPUTS = {"I0", "I1", "I2", "I3"};

  /** What a rewrite changed. */
  public record Repairs(int bufferedCarries, int foldedLutInputs) {
    public boolean any() {
      return bufferedCarries + foldedLutInputs > 0;
    }
  }

  private Ice40Netlist() {}

  /** Reads {@code in}, rewrites its top module and writes the result to {@code out} atomically. */
  public static Repairs repair(Path in, Path out) {
    JsonNode root;
    try {
      root = JSON.readTree(in.toFile());
    } catch (IOException e) {
      throw new FlowException("could not read the Yosys netlist " + in + ": " + e.getMessage(), e);
    }
    ObjectNode top = topModule(root, in);
    Repairs repairs = repair((ObjectNode) top.path("cells"), nextFreeBit(top));
    try {
      AtomicFiles.writeString(out, JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new FlowException("could not write " + out + ": " + e.getMessage(), e);
    }
    return repairs;
  }

  private static ObjectNode topModule(JsonNode root, Path file) {
    for (Iterator<JsonNode> it = root.path("modules").elements(); it.hasNext(); ) {
      JsonNode module = it.next();
      if (module.path("attributes").has("top")) {
        return (ObjectNode) module;
      }
    }
    throw new FlowException("the Yosys netlist " + file + " has no top module");
  }

  static Repairs repair(ObjectNode cells, long firstFreeBit) {
    long nextBit = firstFreeBit;
    List<ObjectNode> luts = new ArrayList<>();
    Map<String, List<ObjectNode>> lutsByCarryInputs = new HashMap<>();
    List<Map.Entry<String, ObjectNode>> carries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = cells.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> cell = it.next();
      String type = cell.getValue().path("type").asText();
      if (type.equals("SB_LUT4")) {
        ObjectNode lut = (ObjectNode) cell.getValue();
        luts.add(lut);
        JsonNode pins = lut.path("connections");
        lutsByCarryInputs.computeIfAbsent(carryKey(pins.path("I1"), pins.path("I2"), pins.path("I3")),
            k -> new ArrayList<>()).add(lut);
      } else if (type.equals("SB_CARRY")) {
        carries.add(Map.entry(cell.getKey(), (ObjectNode) cell.getValue()));
      }
    }
    int buffered = 0;
    for (Map.Entry<String, ObjectNode> carry : carries) {
      ObjectNode pins = (ObjectNode) carry.getValue().path("connections");
      JsonNode net = pins.path("I0");
      if (!isNet(net) || !net.equals(pins.path("I1"))) {
        continue;
      }
      ArrayNode copy = JsonNodeFactory.instance.arrayNode().add(nextBit++);
      cells.set(uniqueName(cells, carry.getKey() + "$gatewright_buffer"), buffer(net, copy));
      pins.set("I1", copy);
      // the LUT that computes this bit's sum reads the carry's inputs and carry-in: keep it packable with it
      for (ObjectNode lut : lutsByCarryInputs.getOrDefault(carryKey(net, net, pins.path("CI")), List.of())) {
        ((ObjectNode) lut.path("connections")).set("I2", copy);
      }
      buffered++;
    }
    int folded = 0;
    for (ObjectNode lut : luts) {
      folded += foldRepeatedInputs(lut);
    }
    return new Repairs(buffered, folded);
  }

  private static String carryKey(JsonNode i1, JsonNode i2, JsonNode carryIn) {
    return i1 + "/" + i2 + "/" + carryIn;
  }

  /** Ties each input that repeats an earlier input's net to 0 and folds the truth table; returns how many. */
  static int foldRepeatedInputs(ObjectNode lut) {
    ObjectNode pins = (ObjectNode) lut.path("connections");
    ObjectNode parameters = (ObjectNode) lut.path("parameters");
    String init = parameters.path("LUT_INIT").asText();
    if (!init.matches("[01]{16}")) {
      return 0;   // not a binary 16-entry table: leave it alone
    }
    boolean[] table = new boolean[16];
    for (int index = 0; index < 16; index++) {
      table[index] = init.charAt(15 - index) == '1';
    }
    int folded = 0;
    for (int q = 1; q < 4; q++) {
      for (int p = 0; p < q; p++) {
        JsonNode net = pins.path(LUT_INPUTS[q]);
        if (isNet(net) && net.equals(pins.path(LUT_INPUTS[p]))) {
          boolean[] next = new boolean[16];
          for (int index = 0; index < 16; index++) {
            int bit = (index >> p) & 1;
            next[index] = table[(index & ~(1 << q)) | (bit << q)];
          }
          table = next;
          pins.set(LUT_INPUTS[q], JsonNodeFactory.instance.arrayNode().add("0"));
          folded++;
        }
      }
    }
    if (folded > 0) {
      StringBuilder text = new StringBuilder();
      for (int index = 15; index >= 0; index--) {
        text.append(table[index] ? '1' : '0');
      }
      parameters.put("LUT_INIT", text.toString());
    }
    return folded;
  }

  private static ObjectNode buffer(JsonNode in, ArrayNode out) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode cell = f.objectNode();
    cell.put("hide_name", 1);
    cell.put("type", "SB_LUT4");
    cell.set("parameters", f.objectNode().put("LUT_INIT", "1010101010101010"));   // O = I0
    cell.set("attributes", f.objectNode());
    ObjectNode directions = f.objectNode();
    for (String pin : LUT_INPUTS) {
      directions.put(pin, "input");
    }
    directions.put("O", "output");
    cell.set("port_directions", directions);
    ObjectNode connections = f.objectNode();
    connections.set("I0", in.deepCopy());
    for (String pin : new String[] {"I1", "I2", "I3"}) {
      connections.set(pin, f.arrayNode().add("0"));
    }
    connections.set("O", out);
    cell.set("connections", connections);
    return cell;
  }

  /** A one-bit connection to a net (not a constant). */
  private static boolean isNet(JsonNode connection) {
    return connection.isArray() && connection.size() == 1 && connection.get(0).isIntegralNumber();
  }

  private static String uniqueName(ObjectNode cells, String base) {
    String name = base;
    for (int k = 1; cells.has(name); k++) {
      name = base + "_" + k;
    }
    return name;
  }

  private static long nextFreeBit(JsonNode module) {
    long[] max = {1};
    visitBits(module, max);
    return max[0] + 1;
  }

  private static void visitBits(JsonNode node, long[] max) {
    if (node.isIntegralNumber()) {
      max[0] = Math.max(max[0], node.asLong());
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> visitBits(child, max));
    }
  }
}
