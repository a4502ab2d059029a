/**
 * Multiplier-free arithmetic for layers with constant weights, on integers only: no hardware is built
 * here, so that the generators (on whatever DSL) only have to transcribe it.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link dev.gatewright.nn.arith.CmvmSolver} turns {@code y = W·x} (a {@link
 *       dev.gatewright.nn.arith.ConstantMatrix}, inputs in {@link dev.gatewright.nn.arith.Interval}s) into
 *       one {@link dev.gatewright.nn.arith.AdderGraph} for the whole matrix: canonical signed digits, then
 *       greedy sharing of the pair of terms worth most across all rows ({@link
 *       dev.gatewright.nn.arith.CommonSubexpressions}), every sum hash-consed by value, then a
 *       shallowest-first tree per row. {@link dev.gatewright.nn.arith.CmvmOptions} trade adders against
 *       depth. {@link dev.gatewright.nn.arith.CsdBaseline} is the same product as independent per-weight
 *       CSD multipliers, the yardstick.</li>
 *   <li>{@link dev.gatewright.nn.arith.IntervalAnalysis}: every source computes a linear form of the
 *       inputs, so its exact range — reached at a corner of the input box — gives the narrowest bus of
 *       every intermediate and output. {@link dev.gatewright.nn.arith.AdderCost} counts full-adder cells
 *       from those widths; that, not the number of adders, is what the search minimizes and reports.</li>
 *   <li>{@link dev.gatewright.nn.arith.DenseArithmetic} applies this to a {@link dev.gatewright.nn.Dense}
 *       layer, bit-exact with {@link dev.gatewright.nn.GoldenModel#dense}, and describes how each output is
 *       finished ({@link dev.gatewright.nn.arith.DenseOutput}).</li>
 *   <li>{@link dev.gatewright.nn.arith.CmvmBenchmark} measures it all (a main class, and values for a
 *       benchmark command).</li>
 * </ul>
 *
 * <h2>From a {@code DenseArithmetic} to hardware</h2>
 * Raw integers throughout; a source's value is the raw value of a fixed-point number whose fraction is
 * that of its inputs (for a dense layer, {@code fx}; outputs of the graph have {@code fw + fx}).
 * <ol>
 *   <li><b>Inputs</b>: source {@code i} is input {@code i}'s raw bits ({@code x[i]} of the layer's input
 *       type) plus {@link dev.gatewright.nn.arith.DenseArithmetic#inputOffsets}: a signed input whose range
 *       needs {@code w} bits is read as {@code x + 2^(w-1)}, unsigned (bit {@code w-1} inverted), where that
 *       makes the graph cheaper ({@link dev.gatewright.nn.arith.InputOffsets}). Only
 *       {@link dev.gatewright.nn.arith.DenseArithmetic#busWidth} low bits of it are read.</li>
 *   <li><b>Adders</b>, in order (node {@code k} is source {@code inputs + k}; each reads earlier sources):
 *       {@code v = (±(a << sa) ± (b << sb)) >> dropped}. Declare {@code v} with
 *       {@link dev.gatewright.nn.arith.DenseArithmetic#busWidth} bits, signed when
 *       {@link dev.gatewright.nn.arith.AdderGraph#signed} (an unsigned source is zero-extended where it is
 *       read into a signed sum). Compute the sum wide enough (or let the DSL grow the width), then keep
 *       the bus: the exact range fits it, so the resize is {@code WRAP} and drops nothing — except where
 *       {@link dev.gatewright.nn.arith.DenseArithmetic#busWrapped} says only a wrapping accumulator reads
 *       the source: then the low bits are kept on purpose. {@code dropped} low bits are always zero: a
 *       slice, no logic. One operand is always unshifted, at most one is subtracted; the node's cost in
 *       cells and its adder depth ({@link dev.gatewright.nn.arith.AdderGraph#depth}) are there for a
 *       pipelining pass (delay ≈ carry chain of the bus width; registers go on the edges between
 *       depths).</li>
 *   <li><b>Outputs</b>, per {@link dev.gatewright.nn.arith.DenseOutput}: {@code sum} is
 *       {@code ±(source << shift)} (a zero row has none), already at fraction {@code fw + fx}; shift it
 *       left by {@code DenseOutput.shift} to the accumulator's fraction (wiring) and add the constant
 *       {@code bias} (raw, already at the accumulator's fraction, the inputs' offsets already taken off;
 *       subtract the sum instead of negating it). The exact range of that total is {@code DenseOutput.total}. Then resize into the
 *       accumulator type with its overflow mode — wiring when {@code accumulatorOverflows} is false, as for
 *       every layer whose accumulator is {@code Dense.exactAccumulatorType} — and resize the accumulator
 *       into the result type with the result quantizer's rounding and overflow ({@code FixedMath.resize},
 *       which the DSL's {@code resize} builds bit for bit); {@code resultOverflows} false means the
 *       saturation logic can be left out.</li>
 * </ol>
 * {@link dev.gatewright.nn.arith.DenseArithmetic#evaluate} computes exactly this, every bus cut to its
 * width, and is tested against the golden model; a co-simulation of generated hardware can compare
 * every node's value with {@link dev.gatewright.nn.arith.AdderGraph#values} as well as the outputs.
 *
 * <p>A layer whose accumulator keeps fewer fraction bits than its products is refused: the golden model
 * floors every product on its own before summing, which no shared sum reproduces.
 */
package dev.gatewright.nn.arith;
