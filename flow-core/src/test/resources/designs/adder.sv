// Registered W-bit adder with a W+1-bit sum.
module adder #(
  parameter int W = 8
) (
  input  logic clk,
  input  logic rst,
  input  logic [W-1:0] a,
  input  logic [W-1:0] b,
  output logic [W:0]   y
);
  logic [W-1:0] a_q, b_q;
  always_ff @(posedge clk) begin
    if (rst) begin
      a_q <= '0;
      b_q <= '0;
      y   <= '0;
    end else begin
      a_q <= a;
      b_q <= b;
      y   <= a_q + b_q;
    end
  end
endmodule
