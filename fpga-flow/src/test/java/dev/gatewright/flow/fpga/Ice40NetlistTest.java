package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ice40NetlistTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PINS = {"I0", "I1", "I2", "I3"};

  @Test
  void aLutThatReadsOneNetOnTwoInputsReadsItOnceAndComputesTheSameForEveryInput() throws Exception {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int table = random.nextInt(1 << 16);
      int[] nets = new int[4];
      for (int pin = 0; pin < 4; pin++) {
        nets[pin] = 10 + random.nextInt(3);   // three nets over four pins: at least one repeats
      }
      ObjectNode lut = lut(table, nets);
      int folded = Ice40Netlist.foldRepeatedInputs(lut);

      long distinct = java.util.Arrays.stream(nets).distinct().count();
      assertEquals(4 - distinct, folded, "one fold per repeated input");
      for (int values = 0; values < 8; values++) {   // every assignment of the three nets
        assertEquals(evaluate(table, nets, values), evaluate(lut, values), "table " + table + ", nets "
            + java.util.Arrays.toString(nets));
      }
      java.util.Set<String> connected = new java.util.HashSet<>();
      for (String pin : PINS) {
        String net = lut.path("connections").path(pin).toString();
        if (!net.equals("[\"0\"]")) {
          assertEquals(true, connected.add(net), "net " + net + " read twice after the fold");
        }
      }
    }
  }

  @Test
  void aCarryThatReadsOneNetTwiceGetsABufferOnItsSecondInputAndSoDoesItsSumLut() throws Exception {
    ObjectNode cells = (ObjectNode) JSON.readTree("""
        {"c": {"type": "SB_CARRY", "connections": {"CI": [5], "CO": [6], "I0": [4], "I1": [4]}},
         "s": {"type": "SB_LUT4", "parameters": {"LUT_INIT": "0110100110010110"},
               "connections": {"I0": ["0"], "I1": [4], "I2": [4], "I3": [5], "O": [7]}},
         "other": {"type": "SB_LUT4", "parameters": {"LUT_INIT": "0110100110010110"},
               "connections": {"I0": ["0"], "I1": [4], "I2": [8], "I3": [5], "O": [9]}}}""");
    Ice40Netlist.Repairs repairs = Ice40Netlist.repair(cells, 100);

    assertEquals(new Ice40Netlist.Repairs(1, 0), repairs);
    assertEquals("[100]", cells.path("c").path("connections").path("I1").toString());
    assertEquals("[4]", cells.path("c").path("connections").path("I0").toString());
    assertEquals("[100]", cells.path("s").path("connections").path("I2").toString(), "still packable with c");
    assertEquals("[8]", cells.path("other").path("connections").path("I2").toString());
    ObjectNode buffer = (ObjectNode) cells.path("c$gatewright_buffer");
    assertEquals("SB_LUT4", buffer.path("type").asText());
    assertEquals("[4]", buffer.path("connections").path("I0").toString());
    assertEquals("[100]", buffer.path("connections").path("O").toString());
    for (int i0 = 0; i0 < 2; i0++) {
      // I1..I3 are tied to 0, so the table index is I0
      assertEquals(i0, buffer.path("parameters").path("LUT_INIT").asText().charAt(15 - i0) - '0', "O = I0");
    }
  }

  @Test
  void constantsOnSeveralInputsAreNotRepeatedNets() throws Exception {
    ObjectNode cells = (ObjectNode) JSON.readTree("""
        {"c": {"type": "SB_CARRY", "connections": {"CI": ["0"], "CO": [6], "I0": ["1"], "I1": ["1"]}},
         "s": {"type": "SB_LUT4", "parameters": {"LUT_INIT": "0110100110010110"},
               "connections": {"I0": ["0"], "I1": ["0"], "I2": [3], "I3": [5], "O": [7]}}}""");
    assertEquals(new Ice40Netlist.Repairs(0, 0), Ice40Netlist.repair(cells, 100));
  }

  private static ObjectNode lut(int table, int[] nets) throws Exception {
    StringBuilder init = new StringBuilder();
    for (int index = 15; index >= 0; index--) {
      init.append((table >> index) & 1);
    }
    ObjectNode lut = (ObjectNode) JSON.readTree("{\"type\": \"SB_LUT4\", \"parameters\": {\"LUT_INIT\": \""
        + init + "\"}, \"connections\": {}}");
    for (int pin = 0; pin < 4; pin++) {
      ((ObjectNode) lut.path("connections")).set(PINS[pin], JSON.createArrayNode().add(nets[pin]));
    }
    return lut;
  }

  /** The table's output when net {@code 10 + k} carries bit k of {@code values}. */
  private static int evaluate(int table, int[] nets, int values) {
    int index = 0;
    for (int pin = 0; pin < 4; pin++) {
      index |= ((values >> (nets[pin] - 10)) & 1) << pin;
    }
    return (table >> index) & 1;
  }

  private static int evaluate(ObjectNode lut, int values) {
    String init = lut.path("parameters").path("LUT_INIT").asText();
    int index = 0;
    for (int pin = 0; pin < 4; pin++) {
      var net = lut.path("connections").path(PINS[pin]).get(0);
      int bit = net.isIntegralNumber() ? (values >> (net.asInt() - 10)) & 1 : Integer.parseInt(net.asText());
      index |= bit << pin;
    }
    return init.charAt(15 - index) - '0';
  }
}
