package dev.gatewright.sim.java;

/**
 * One compiled pass over a design's combinational logic (settling the outputs, or computing the next
 * state), generated as bytecode by {@link ProgramCompiler}. Its arguments are the state of one
 * simulation ({@link SimulationState}), so one generated class serves every simulation of a design.
 * Public only because generated classes implement it from a class loader of their own; not an API.
 */
public interface GeneratedProgram {

  /**
   * @param v values of at most 64 bits, by index
   * @param next next-state values committed after the clock edge (the edge program only)
   * @param wide values above 64 bits, by index
   * @param memories the words of every memory of at most 64 bits
   * @param state the simulation, for instructions on wide values
   * @param inReset 1 while the reset is asserted, else 0
   */
  void run(long[] v, long[] next, long[][] wide, long[][] memories, Object state, long inReset);
}
