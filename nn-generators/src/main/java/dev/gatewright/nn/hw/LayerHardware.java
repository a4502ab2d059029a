package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Component;

/**
 * A generated layer: a module with the ports of {@link LayerIo}, and its timing: {@code y} for an input
 * accepted in cycle {@code t} appears {@code latency} cycles later, and a new input may be accepted
 * every {@code initiationInterval} cycles. {@code multipliers} counts the multipliers built (a product
 * by a power of two is a shift and counts none).
 */
public record LayerHardware(Component<LayerIo> module, int latency, int initiationInterval, long multipliers) {}
