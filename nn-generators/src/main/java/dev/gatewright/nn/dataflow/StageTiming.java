package dev.gatewright.nn.dataflow;

/**
 * The cycle-exact handshake behaviour of one generated stage, as a state machine: what its input ready and
 * output valid are in the current cycle (functions of its registers only, as in the hardware: no stage's
 * ready or valid depends on its neighbours in the same cycle), and how its registers change at the clock
 * edge given which transfers happened. {@link PipelineSchedule} runs these to find the FIFO depths, the
 * cycles per frame and the latency; co-simulation checks that the hardware does exactly what they say.
 */
interface StageTiming {

  boolean inReady();

  boolean outValid();

  /** The clock edge: {@code inFire} and {@code outFire} say whether the input and output transferred. */
  void clock(boolean inFire, boolean outFire);

  /** A fresh copy in the reset state. */
  StageTiming reset();
}
