// An 8-bit counter with enable and synchronous active-high reset; at_max is combinational.
module counter (
  input  logic       clk,
  input  logic       rst,
  input  logic       en,
  output logic [7:0] count,
  output logic       at_max
);
  always_ff @(posedge clk) begin
    if (rst) count <= '0;
    else if (en) count <= count + 8'd1;
  end

  assign at_max = count == 8'hff;
endmodule
