package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Module;

/**
 * A generated layer: a module with ports {@code in_valid}, {@code x} (a vec of the layer's inputs),
 * {@code out_valid} and {@code y} (a vec of its outputs), and its timing: {@code y} for an input
 * accepted in cycle {@code t} appears {@code latency} cycles later, and a new input may be accepted
 * every {@code initiationInterval} cycles.
 */
public record LayerHardware(Module module, int latency, int initiationInterval, long multipliers) {}
