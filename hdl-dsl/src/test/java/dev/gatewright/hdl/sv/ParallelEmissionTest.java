package dev.gatewright.hdl.sv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.designs.TestDesigns;
import dev.gatewright.hdl.examples.DotProductPipeline;
import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.examples.StreamingFir;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large module's sections are written on several threads; its text must not tell. */
class ParallelEmissionTest {

  @Test
  void sectionsWrittenInParallelGiveTheSameTextAsOneThread() {
    List<Component<?>> designs = List.of(TestDesigns.counter(), TestDesigns.fir(), TestDesigns.hierarchy(),
        TestDesigns.everyOperator(), TestDesigns.awkwardNames(), MacGrid.square(5).build(),
        DotProductPipeline.sixteenLanes().build(), StreamingFir.build());
    int modules = 0;
    for (Component<?> design : designs) {
      for (Component<?> module : design.hierarchy()) {
        String oneThread = new ModuleWriter(module, Component::name, Integer.MAX_VALUE).write(module.name());
        String parallel = new ModuleWriter(module, Component::name, 0).write(module.name());
        assertEquals(oneThread, parallel, module.name());
        modules++;
      }
    }
    assertEquals(true, modules > designs.size(), "the designs have child modules too");
  }

  @Test
  void textInChunksReadsAsItsConcatenation() {
    TextChunks text = new TextChunks(List.of(new StringBuilder("ab"), "", "cde", new StringBuilder(), "f"));
    assertEquals("abcdef", text.toString());
    assertEquals(6, text.length());
    assertEquals('c', text.charAt(2));
    assertEquals('f', text.charAt(5));
    assertEquals("bcd", text.subSequence(1, 4).toString());
    assertEquals("", text.subSequence(3, 3).toString());
    assertEquals("abcdef", text.subSequence(0, 6).toString());
  }
}
