// Calls $stop on the first rising edge with halt set: the simulator must report it, not exit.
module stopper (
  input  logic clk,
  input  logic halt,
  output logic q
);
  always_ff @(posedge clk) begin
    q <= halt;
    if (halt) $stop;
  end
endmodule
