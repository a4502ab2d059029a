package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlException;

/** A memory must be written (else it is a ROM) and read (else it is dead). */
final class MemoryRules {

  private MemoryRules() {}

  static void check(Draft draft) {
    for (Draft.MemoryDecl memory : draft.memories) {
      if (!memory.written) {
        throw new HdlException(memory.name, memory.location, "memory '" + memory.name
            + "' is never written (use a rom for constant tables)");
      }
      if (!memory.read) {
        throw new HdlException(memory.name, memory.location, "memory '" + memory.name + "' is never read");
      }
    }
  }
}
